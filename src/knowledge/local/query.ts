/**
 * Free text → an FTS5 query: words lowercased, stopwords dropped, field synonyms added, joined
 * with OR so partial matches still rank (BM25 rewards the chunks that match most terms).
 */

const STOPWORDS = new Set(
  `a about above after again all also am an and any are as at be because been before being below between both but by
  can could did do does doing down during each few for from further had has have having he her here hers him his how i
  if in into is it its itself just let me more most my no nor not now of off on once only or other our ours out over own
  same she should so some such than that the their theirs them then there these they this those through to too under
  until up very was we were what when where which while who whom why will with would you your yours yourself really
  like just get got gets thing things way something anything everything lot lots kind sort actually basically pretty
  okay ok yeah yes sure well right going want wants need needs make makes use uses using used one ones`
    .split(/\s+/)
    .filter(Boolean),
);

/** Each group: the first term is canonical; any member in a query brings the others along. */
const SYNONYM_GROUPS: string[][] = [
  ["kubernetes", "k8s", "gke", "eks", "aks"],
  ["subflow", "subflows", "child", "nested"],
  ["environment", "env"],
  ["variable", "variables", "var", "vars"],
  ["secret", "secrets", "credential", "credentials", "password", "token"],
  ["retry", "retries", "retrying"],
  ["cache", "caching", "cached"],
  ["schedule", "schedules", "scheduling", "cron", "interval"],
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

/** The FTS5 MATCH expression, or null when nothing searchable is left. */
export function buildFtsQuery(text: string, options: { synonyms?: boolean } = {}): string | null {
  const terms = queryTerms(text);
  const all = new Set<string>();
  for (const t of terms) {
    all.add(t);
    if (options.synonyms !== false) for (const s of SYNONYMS.get(t) ?? []) all.add(s);
  }
  if (!all.size) return null;
  // Quoted terms are phrases to FTS5, so punctuation inside ("prefect.yaml") is safe.
  return [...all].map((t) => `"${t.replace(/"/g, "")}"`).join(" OR ");
}
