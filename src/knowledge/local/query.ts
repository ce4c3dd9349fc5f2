/**
 * Free text → an FTS5 query: words lowercased, stopwords dropped, field synonyms added, joined
 * with OR so partial matches still rank. Each query word and its synonyms form one *concept*:
 * the knowledge base re-ranks BM25's candidates by how many concepts they cover, so a query
 * word with many synonyms cannot outweigh two distinct words that both match.
 */
import { SEARCH_STOPWORDS as STOPWORDS } from "../../text/stopwords.js";

/** Each group: the first term is canonical; any member in a query brings the others along. */
const SYNONYM_GROUPS: string[][] = [
  ["kubernetes", "k8s", "gke", "eks", "aks"],
  ["subflow", "subflows", "child", "nested"],
  ["environment", "env"],
  ["variable", "variables", "var", "vars"],
  ["secret", "secrets", "credential", "credentials", "password", "token"],
  ["retry", "retries", "retrying"],
  ["cache", "caching", "cached"],
  ["schedule", "schedules", "scheduling", "cron"],
  ["deployment", "deployments", "deploy"],
  ["worker", "workers"],
  ["pool", "pools"],
  ["log", "logs", "logging", "logger"],
  ["cancel", "cancelled", "cancellation", "canceled", "cancelling"],
  ["pause", "paused", "suspend", "suspended"],
  ["sso", "saml", "oidc"],
  ["rbac", "role", "roles", "permissions"],
  ["aws", "amazon"],
  ["gcp", "google"],
  ["azure", "microsoft"],
  ["ecs", "fargate"],
  ["docker", "container", "containers", "dockerfile"],
  ["migrate", "migration", "migrating", "upgrade"],
  ["price", "pricing", "cost", "costs"],
  ["encrypt", "encrypted", "encryption"],
  ["error", "errors", "exception", "raise", "raises"],
  ["artifact", "artifacts"],
  ["automation", "automations", "trigger", "triggers"],
  ["webhook", "webhooks"],
  ["workspace", "workspaces"],
  ["limit", "limits", "limited"],
  ["concurrency", "concurrent", "parallel"],
  ["serverless", "push"],
  ["ci", "cicd", "ci/cd", "github actions"],
  ["self-hosted", "self-host", "on-prem", "on-premises", "server"],
];

const SYNONYMS = new Map<string, string[]>();
for (const group of SYNONYM_GROUPS)
  for (const term of group)
    SYNONYMS.set(
      term,
      group.filter((t) => t !== term),
    );

export function queryTerms(text: string): string[] {
  const words = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_.\- ]+/gu, " ")
    .split(/[\s]+/)
    .map((w) => w.replace(/^[.\-_]+|[.\-_]+$/g, ""))
    .filter((w) => w.length > 1 && !STOPWORDS.has(w) && !/^\d+$/.test(w));
  return [...new Set(words)];
}

/** Each query word with its synonyms (the word first); words that share a group merge. */
export function queryConcepts(text: string, options: { synonyms?: boolean } = {}): string[][] {
  const concepts: string[][] = [];
  const placed = new Set<string>();
  for (const t of queryTerms(text)) {
    if (placed.has(t)) continue;
    const group = [t, ...(options.synonyms === false ? [] : (SYNONYMS.get(t) ?? []))];
    for (const g of group) placed.add(g);
    concepts.push(group);
  }
  return concepts;
}

/** The FTS5 MATCH expression, or null when nothing searchable is left. */
export function buildFtsQuery(text: string, options: { synonyms?: boolean } = {}): string | null {
  return ftsExpression(queryConcepts(text, options));
}

export function ftsExpression(concepts: string[][]): string | null {
  const all = new Set(concepts.flat());
  if (!all.size) return null;
  // Quoted terms are phrases to FTS5, so punctuation inside ("config.yaml") is safe.
  return [...all].map((t) => `"${t.replace(/"/g, "")}"`).join(" OR ");
}

/** A cheap stem for matching a query word inside a chunk: plural and verb endings dropped. */
export function matchStem(word: string): string {
  const w = word.toLowerCase();
  if (w.length <= 4) return w;
  return w.replace(/(?:ies|ing|ed|es|s|ion|ions)$/, "").slice(0, Math.max(4, w.length - 3));
}
