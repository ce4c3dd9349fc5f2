/**
 * Configuration from the environment (and `.env`, loaded by the CLI entry point).
 * One place reads process.env so the rest of the code takes a plain, typed object.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { KnowledgeMode } from "../model/knowledge.js";
import { loadMcpConfig, type McpConfig, mcpRequested } from "./mcp.js";
import { type Env, nonEmpty, parseMs, parseOptionalCount } from "./parse-env.js";

export type { Env, McpConfig };

export interface LlmConfig {
  anthropicKey: string | null;
  anthropicBaseUrl: string | null;
  openaiKey: string | null;
  openaiBaseUrl: string | null;
  /** Model override; each provider has its own default. */
  model: string | null;
  /** Input + output tokens one analysis may spend on the LLM (CALL_COACH_LLM_TOKEN_BUDGET). */
  tokenBudget: number | null;
  /** Per-request timeout (CALL_COACH_LLM_TIMEOUT_MS); local models on a CPU can be slow. */
  timeoutMs: number | null;
}

export interface Config {
  home: string;
  knowledgeMode: KnowledgeMode;
  mcp: McpConfig;
  llm: LlmConfig;
  /** Emails at this domain are internal speakers (e.g. "example.com"). */
  companyDomain: string | null;
  /** The product profile folder (CALL_COACH_PRODUCT or `--product`); the bundled default when null. */
  productDir: string | null;
  /** A judge model file of your own (CALL_COACH_JUDGE_MODEL); the product profile's when null. */
  judgeModel: string | null;
  /** When set, the HTTP API requires it on every route except health. */
  apiKey: string | null;
  /** Host names `serve` answers to besides this machine's own (CALL_COACH_ALLOWED_HOSTS, comma-separated). */
  allowedHosts: string[];
}

/** Whether any LLM provider is configured (a key, or an OpenAI-compatible server's URL). */
export function llmConfigured(llm: LlmConfig): boolean {
  return llm.anthropicKey != null || llm.openaiKey != null || llm.openaiBaseUrl != null;
}

export function loadConfig(env: Env = process.env): Config {
  return {
    home: resolve(nonEmpty(env.CALL_COACH_HOME) ?? join(homedir(), ".call-coach")),
    knowledgeMode: parseMode(env.CALL_COACH_KNOWLEDGE, mcpRequested(env)),
    mcp: loadMcpConfig(env),
    llm: {
      anthropicKey: nonEmpty(env.ANTHROPIC_API_KEY),
      anthropicBaseUrl: nonEmpty(env.ANTHROPIC_BASE_URL),
      openaiKey: nonEmpty(env.OPENAI_API_KEY),
      openaiBaseUrl: nonEmpty(env.OPENAI_BASE_URL),
      model: nonEmpty(env.CALL_COACH_LLM_MODEL),
      tokenBudget: parseOptionalCount(
        env.CALL_COACH_LLM_TOKEN_BUDGET,
        "CALL_COACH_LLM_TOKEN_BUDGET",
        "tokens",
      ),
      timeoutMs: parseOptionalCount(
        env.CALL_COACH_LLM_TIMEOUT_MS,
        "CALL_COACH_LLM_TIMEOUT_MS",
        "milliseconds",
      ),
    },
    companyDomain: nonEmpty(env.CALL_COACH_COMPANY_DOMAIN)?.replace(/^@/, "").toLowerCase() ?? null,
    productDir: nonEmpty(env.CALL_COACH_PRODUCT) ? resolve(env.CALL_COACH_PRODUCT!.trim()) : null,
    judgeModel: nonEmpty(env.CALL_COACH_JUDGE_MODEL) ?? null,
    apiKey: nonEmpty(env.CALL_COACH_API_KEY),
    allowedHosts: (nonEmpty(env.CALL_COACH_ALLOWED_HOSTS) ?? "")
      .split(",")
      .map((h) => h.trim())
      .filter(Boolean),
  };
}

function parseMode(v: string | undefined, mcpEnabled: boolean): KnowledgeMode {
  const t = nonEmpty(v)?.toLowerCase();
  if (t == null) return mcpEnabled ? "hybrid" : "local";
  if (t === "local" || t === "mcp" || t === "hybrid") return t;
  throw new UsageError(`CALL_COACH_KNOWLEDGE must be local, mcp or hybrid, got "${v}"`);
}

/** How `serve`, `mcp serve` and batch runs analyze: off the main thread, bounded in number and time. */
export interface WorkerSettings {
  /** Worker threads that parse and analyze (CALL_COACH_WORKERS; default: one per core, at most 4). */
  workers: number;
  /** Analyses waiting for a worker before new ones are refused as busy (CALL_COACH_QUEUE). */
  queue: number;
  /** One analysis may take this long before it is stopped (CALL_COACH_ANALYSIS_TIMEOUT_MS). */
  timeoutMs: number;
}

export function loadWorkerSettings(env: Env = process.env, cores = 2): WorkerSettings {
  return {
    workers:
      parseOptionalCount(env.CALL_COACH_WORKERS, "CALL_COACH_WORKERS", "threads") ?? Math.min(4, cores),
    queue: parseOptionalCount(env.CALL_COACH_QUEUE, "CALL_COACH_QUEUE", "analyses") ?? 32,
    timeoutMs: parseMs(env.CALL_COACH_ANALYSIS_TIMEOUT_MS, 300_000, "CALL_COACH_ANALYSIS_TIMEOUT_MS"),
  };
}
