/**
 * The product vocabulary that tells a product claim from small talk, and names its topic.
 * Generic workflow-orchestration terms plus the product's own names; a deployment for another
 * product replaces `DEFAULT_PRODUCT_VOCABULARY`.
 */
import { escapeRegExp } from "../text/regex.js";

export interface ProductVocabulary {
  /** Names of the product and its editions, matched case-insensitively as words. */
  productNames: string[];
  /** Feature nouns; multi-word ones first so "work pool" wins over "pool". */
  terms: string[];
  /**
   * Terms too broad to name a claim's topic when a more specific one is in the sentence:
   * "one deployment can have several schedules" is about schedules.
   */
  generalTerms?: string[];
  /** Topic to report for a matched term when the term itself reads badly as one ("a month"). */
  topicOf?: Record<string, string>;
}

export const DEFAULT_PRODUCT_VOCABULARY: ProductVocabulary = {
  productNames: ["Prefect", "Prefect Cloud", "Prefect server", "Marvin", "ControlFlow"],
  terms: [
    // multi-word first so "work pool" wins over "pool"
    "work pool",
    "work queue",
    "push work pool",
    "task runner",
    "open-source server",
    "self-hosted server",
    "result persistence",
    "global concurrency limit",
    "tag-based concurrency limit",
    "work pool concurrency",
    "managed execution",
    "flow run",
    "task run",
    "child flow",
    "nested flow",
    "parent flow",
    "subflow",
    "rate limit",
    "concurrency limit",
    "secret block",
    "retry-after",
    "audit log",
    "service account",
    "api key",
    "runtime context",
    "image artifact",
    "deployment schedule",
    "prefect.yaml",
    "dockerfile",
    "pyproject.toml",
    "cloud run",
    "container instances",
    "ecs task",
    "artifact",
    "artifacts",
    "automation",
    "automations",
    "block",
    "blocks",
    "cache",
    "caching",
    "concurrency",
    "container",
    "credentials",
    "dashboard",
    "decorator",
    "deployment",
    "deployments",
    "docker",
    "encryption",
    "encrypted",
    "event",
    "events",
    "flow",
    "flows",
    "helm",
    "image",
    "infrastructure",
    "integration",
    "kubernetes",
    "k8s",
    "log",
    "logs",
    "logging",
    "parameter",
    "parameters",
    "pause",
    "paused",
    "pod",
    "pricing",
    "pull step",
    "push step",
    "build step",
    "queue",
    "registry",
    "result",
    "results",
    "retries",
    "retry",
    "rbac",
    "schedule",
    "schedules",
    "scheduler",
    "sdk",
    "api",
    "secret",
    "secrets",
    "server",
    "sso",
    "state",
    "states",
    "storage",
    "suspend",
    "task",
    "tasks",
    "timeout",
    "trigger",
    "ui",
    "variable",
    "variables",
    "webhook",
    "worker",
    "workers",
    "workspace",
    "workspaces",
    "yaml",
    "cli",
    "webhooks",
    "crashed",
    "failed",
    "pending",
    "running",
    "cancelled",
    "cancellation",
    "observability",
    "lineage",
    "backfill",
    "cron",
    "interval",
    "serverless",
    "gpu",
    "sandbox",
    "cloud",
    "self-hosted",
    "open source",
    "open-source",
    "tier",
    "price",
    "per month",
    "a month",
    "dollars",
    "billed",
    "pro plan",
    "team plan",
    "enterprise plan",
    "free plan",
    "hobby plan",
    "starter plan",
  ],
  topicOf: {
    price: "pricing",
    "per month": "pricing",
    "a month": "pricing",
    dollars: "pricing",
    billed: "pricing",
    "pro plan": "pricing",
    "team plan": "pricing",
    "enterprise plan": "pricing",
    "free plan": "pricing",
    "hobby plan": "pricing",
    "starter plan": "pricing",
  },
  generalTerms: [
    "flow",
    "flows",
    "task",
    "tasks",
    "deployment",
    "deployments",
    "cloud",
    "server",
    "api",
    "ui",
    "sdk",
    "cli",
    "image",
    "container",
    "infrastructure",
    "integration",
    "dashboard",
    "yaml",
    "open source",
    "open-source",
    "self-hosted",
    "failed",
    "running",
    "pending",
    "tier",
    "flow run",
    "task run",
  ],
};

export interface CompiledVocabulary {
  /** Returns matched terms in order of `terms` (product names last). */
  match(sentence: string): string[];
  /**
   * The claim's topic: the most specific matched term (a multi-word feature name, then a
   * specific term, then a general one, then a product name), earliest in the sentence within
   * each rank; null when nothing matches.
   */
  topic(sentence: string): string | null;
}

export function compileVocabulary(vocab: ProductVocabulary): CompiledVocabulary {
  const general = new Set((vocab.generalTerms ?? []).map((t) => t.toLowerCase()));
  const topics = new Map(Object.entries(vocab.topicOf ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const rankOf = (term: string, product: boolean) =>
    product ? 3 : general.has(term.toLowerCase()) ? 2 : /[\s-]/.test(term) ? 0 : 1;
  const entries = [
    ...vocab.terms.map((t) => ({
      term: t,
      rank: rankOf(t, false),
      re: new RegExp(`(?<![\\w-])${escapeRegExp(t)}(?:s|es)?(?![\\w-])`, "i"),
    })),
    ...vocab.productNames.map((t) => ({
      term: t,
      rank: rankOf(t, true),
      re: new RegExp(`\\b${escapeRegExp(t)}\\b`, "i"),
    })),
  ];
  return {
    match(sentence) {
      const found: string[] = [];
      for (const e of entries) if (e.re.test(sentence)) found.push(e.term);
      return found;
    },
    topic(sentence) {
      let best: { term: string; rank: number; at: number } | null = null;
      for (const e of entries) {
        const at = e.re.exec(sentence)?.index;
        if (at === undefined) continue;
        if (!best || e.rank < best.rank || (e.rank === best.rank && at < best.at))
          best = { term: e.term, rank: e.rank, at };
      }
      if (!best) return null;
      const term = best.term.toLowerCase();
      return topics.get(term) ?? term;
    },
  };
}
