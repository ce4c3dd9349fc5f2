/**
 * Configuration from the environment (and `.env`, loaded by the CLI entry point).
 * One place reads process.env so the rest of the code takes a plain, typed object.
 */
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { UsageError } from "../errors.js";
import type { KnowledgeMode } from "../model/knowledge.js";

export interface McpConfig {
  enabled: boolean;
  /** stdio command line, split on whitespace (quotes respected). */
  command: string[];
  /** Streamable HTTP URL; wins over the command when set. */
  url: string | null;
  apiUrl: string | null;
  apiKey: string | null;
  /** Per-request timeout. */
  timeoutMs: number;
  /** Hybrid mode: how long MCP may take before the local KB answers instead. */
  budgetMs: number;
  /** How long starting the server and the MCP handshake may take (uvx may install on first use). */
  connectTimeoutMs: number;
  /** Docs answers are fresh this long, then served stale while a refresh runs, until `cacheStaleMs`. */
  cacheTtlMs: number;
  cacheStaleMs: number;
  /** Write what MCP returns into the local knowledge base (pages of source 'mcp'). */
  warmLocalKb: boolean;
  /** Environment given to a stdio server besides PREFECT_API_URL/KEY: Prefect, uv and proxy settings only. */
  passEnv: Record<string, string>;
}

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
  /** Emails at this domain are internal speakers (e.g. "prefect.io"). */
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

export type Env = Record<string, string | undefined>;

/** Whether any LLM provider is configured (a key, or an OpenAI-compatible server's URL). */
export function llmConfigured(llm: LlmConfig): boolean {
  return llm.anthropicKey != null || llm.openaiKey != null || llm.openaiBaseUrl != null;
}

const DEFAULT_MCP_COMMAND = "uvx --from prefect-mcp prefect-mcp-server";

export function loadConfig(env: Env = process.env): Config {
  const mcpEnabled = parseBool(env.PREFECT_MCP_ENABLED, "PREFECT_MCP_ENABLED");
  return {
    home: resolve(nonEmpty(env.CALL_COACH_HOME) ?? join(homedir(), ".call-coach")),
    knowledgeMode: parseMode(env.CALL_COACH_KNOWLEDGE, mcpEnabled),
    mcp: {
      enabled: mcpEnabled || ["mcp", "hybrid"].includes(nonEmpty(env.CALL_COACH_KNOWLEDGE) ?? ""),
      command: splitCommand(nonEmpty(env.PREFECT_MCP_COMMAND) ?? DEFAULT_MCP_COMMAND),
      url: nonEmpty(env.PREFECT_MCP_URL),
      apiUrl: nonEmpty(env.PREFECT_API_URL),
      apiKey: nonEmpty(env.PREFECT_API_KEY),
      timeoutMs: parseMs(env.PREFECT_MCP_TIMEOUT_MS, 10_000, "PREFECT_MCP_TIMEOUT_MS"),
      budgetMs: parseMs(env.CALL_COACH_MCP_BUDGET_MS, 3_000, "CALL_COACH_MCP_BUDGET_MS"),
      connectTimeoutMs: parseMs(env.PREFECT_MCP_CONNECT_TIMEOUT_MS, 60_000, "PREFECT_MCP_CONNECT_TIMEOUT_MS"),
      cacheTtlMs: parseMs(env.CALL_COACH_DOCS_CACHE_TTL_S, 86_400, "CALL_COACH_DOCS_CACHE_TTL_S") * 1000,
      cacheStaleMs:
        parseMs(env.CALL_COACH_DOCS_CACHE_STALE_S, 604_800, "CALL_COACH_DOCS_CACHE_STALE_S") * 1000,
      warmLocalKb:
        nonEmpty(env.CALL_COACH_MCP_WARM_KB) == null ||
        parseBool(env.CALL_COACH_MCP_WARM_KB, "CALL_COACH_MCP_WARM_KB"),
      passEnv: serverEnvironment(env),
    },
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

// Variables a stdio MCP server may need; everything else (other API keys above all) stays here.
const PASS_ENV_PREFIXES = ["PREFECT_", "UV_", "FASTMCP_"];
const PASS_ENV_NAMES = [
  "HTTP_PROXY",
  "HTTPS_PROXY",
  "NO_PROXY",
  "http_proxy",
  "https_proxy",
  "no_proxy",
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "REQUESTS_CA_BUNDLE",
  "TMPDIR",
  "LANG",
  "LC_ALL",
  "XDG_CACHE_HOME",
  "XDG_DATA_HOME",
];
const OWN_MCP_SETTINGS = /^PREFECT_MCP_(ENABLED|COMMAND|URL|TIMEOUT_MS|CONNECT_TIMEOUT_MS)$/;

function serverEnvironment(env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || OWN_MCP_SETTINGS.test(name)) continue;
    if (PASS_ENV_NAMES.includes(name) || PASS_ENV_PREFIXES.some((p) => name.startsWith(p))) out[name] = value;
  }
  return out;
}

function nonEmpty(v: string | undefined): string | null {
  const t = v?.trim();
  return t ? t : null;
}

function parseBool(v: string | undefined, name: string): boolean {
  const t = nonEmpty(v)?.toLowerCase();
  if (t == null) return false;
  if (["1", "true", "yes", "on"].includes(t)) return true;
  if (["0", "false", "no", "off"].includes(t)) return false;
  throw new UsageError(`${name} must be true or false, got "${v}"`);
}

function parseMode(v: string | undefined, mcpEnabled: boolean): KnowledgeMode {
  const t = nonEmpty(v)?.toLowerCase();
  if (t == null) return mcpEnabled ? "hybrid" : "local";
  if (t === "local" || t === "mcp" || t === "hybrid") return t;
  throw new UsageError(`CALL_COACH_KNOWLEDGE must be local, mcp or hybrid, got "${v}"`);
}

function parseMs(v: string | undefined, fallback: number, name: string): number {
  const t = nonEmpty(v);
  if (t == null) return fallback;
  const n = Number(t);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`${name} must be a positive number of milliseconds, got "${v}"`);
  return n;
}

function parseOptionalCount(v: string | undefined, name: string, unit: string): number | null {
  const t = nonEmpty(v);
  if (t == null) return null;
  const n = Number(t);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${name} must be a positive whole number of ${unit}, got "${v}"`);
  return n;
}

/** Splits a command line on whitespace, keeping "double" or 'single' quoted parts together. */
export function splitCommand(line: string): string[] {
  const parts: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) parts.push(m[1] ?? m[2] ?? m[3] ?? "");
  return parts;
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
