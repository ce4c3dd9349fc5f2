/**
 * The settings of the Prefect MCP integration (src/knowledge/mcp/): the docs server Call Coach can
 * ask instead of, or besides, its local knowledge base. Its environment variables are the
 * integration's own (PREFECT_MCP_*, and PREFECT_API_URL/KEY for the server it starts); the rest
 * of the configuration is product-neutral (src/config/env.ts).
 */
import { type Env, nonEmpty, parseBool, parseMs, parseSeconds, splitCommand } from "./parse-env.js";

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

const DEFAULT_MCP_COMMAND = "uvx --from prefect-mcp prefect-mcp-server";

/** PREFECT_MCP_ENABLED: MCP was asked for, so the knowledge mode defaults to hybrid. */
export function mcpRequested(env: Env): boolean {
  return parseBool(env.PREFECT_MCP_ENABLED, "PREFECT_MCP_ENABLED");
}

export function loadMcpConfig(env: Env): McpConfig {
  return {
    enabled: mcpRequested(env) || ["mcp", "hybrid"].includes(nonEmpty(env.CALL_COACH_KNOWLEDGE) ?? ""),
    command: splitCommand(nonEmpty(env.PREFECT_MCP_COMMAND) ?? DEFAULT_MCP_COMMAND),
    url: nonEmpty(env.PREFECT_MCP_URL),
    apiUrl: nonEmpty(env.PREFECT_API_URL),
    apiKey: nonEmpty(env.PREFECT_API_KEY),
    timeoutMs: parseMs(env.PREFECT_MCP_TIMEOUT_MS, 10_000, "PREFECT_MCP_TIMEOUT_MS"),
    budgetMs: parseMs(env.CALL_COACH_MCP_BUDGET_MS, 3_000, "CALL_COACH_MCP_BUDGET_MS"),
    connectTimeoutMs: parseMs(env.PREFECT_MCP_CONNECT_TIMEOUT_MS, 60_000, "PREFECT_MCP_CONNECT_TIMEOUT_MS"),
    cacheTtlMs: parseSeconds(env.CALL_COACH_DOCS_CACHE_TTL_S, 86_400, "CALL_COACH_DOCS_CACHE_TTL_S") * 1000,
    cacheStaleMs: parseMs(env.CALL_COACH_DOCS_CACHE_STALE_S, 604_800, "CALL_COACH_DOCS_CACHE_STALE_S") * 1000,
    warmLocalKb:
      nonEmpty(env.CALL_COACH_MCP_WARM_KB) == null ||
      parseBool(env.CALL_COACH_MCP_WARM_KB, "CALL_COACH_MCP_WARM_KB"),
    passEnv: serverEnvironment(env),
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
