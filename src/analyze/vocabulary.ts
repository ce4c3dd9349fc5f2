/**
 * The product vocabulary that tells a product claim from small talk, and names its topic.
 * Generic workflow-orchestration terms plus the product's own names; a deployment for another
 * product replaces `DEFAULT_PRODUCT_VOCABULARY`.
 */
import { escapeRegExp } from "../text/regex.js";

export interface ProductVocabulary {
  /** Names of the product and its editions, matched case-insensitively as words. */
  productNames: string[];
  /** Feature nouns, most specific first: the first match in a sentence becomes its topic. */
  terms: string[];
}

export const DEFAULT_PRODUCT_VOCABULARY: ProductVocabulary = {
  productNames: ["Prefect", "Prefect Cloud", "Prefect server", "Marvin", "ControlFlow"],
  terms: [
    // multi-word first so "work pool" wins over "pool"
    "work pool",
    "work queue",
    "push work pool",
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
};

export interface CompiledVocabulary {
  /** Returns matched terms in order of `terms` (product names last). */
  match(sentence: string): string[];
}

export function compileVocabulary(vocab: ProductVocabulary): CompiledVocabulary {
  const entries = [
    ...vocab.terms.map((t) => ({
      term: t,
      re: new RegExp(`(?<![\\w-])${escapeRegExp(t)}(?:s|es)?(?![\\w-])`, "i"),
    })),
    ...vocab.productNames.map((t) => ({ term: t, re: new RegExp(`\\b${escapeRegExp(t)}\\b`, "i") })),
  ];
  return {
    match(sentence) {
      const found: string[] = [];
      for (const e of entries) if (e.re.test(sentence)) found.push(e.term);
      return found;
    },
  };
}
