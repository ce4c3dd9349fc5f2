/**
 * The MCP server's docs search as a knowledge source. Through the Prefect MCP server the tool is
 * `docs_search_prefect` (its docs proxy is mounted under the `docs` namespace); a docs server on
 * its own calls it `search_prefect`. Every query is sanitized again here, at the point where it
 * leaves the machine, so a caller that forgot cannot leak transcript text.
 */
import { ServiceError } from "../../errors.js";
import { buildSanitizeContext, type SanitizeContext, sanitizeQuery } from "../../ground/sanitize.js";
import type { Call } from "../../model/call.js";
import type { KnowledgeHit, KnowledgeSource, SearchOptions } from "../../model/knowledge.js";
import { defaultProductProfile } from "../../product/default.js";
import { redactSecrets } from "../../security/redact.js";
import { errorCode, type McpConnection, mcpError } from "./connection.js";
import { parseDocsSearchResult, payloadToHits } from "./docs-results.js";

export const DOCS_TOOL_NAMES = ["docs_search_prefect", "search_prefect"] as const;
/** The docs server caps top_k at 20. */
const MAX_TOP_K = 20;

const NO_CALL: Call = {
  id: "",
  title: "",
  started_at: null,
  duration_s: 0,
  participants: [],
  utterances: [],
  source: { format: "json", path: null, timing: "source" },
  warnings: [],
};

/**
 * Without a call there are no names to block; emails, phones, URLs, figures and proper nouns
 * still go. This server serves the bundled product's docs, so that profile says which
 * capitalized words are product vocabulary. Built on first use, not at import.
 */
let boundaryContext: SanitizeContext | null = null;

export function sanitizeOutgoingQuery(query: string): string {
  boundaryContext ??= buildSanitizeContext(NO_CALL, { profile: defaultProductProfile() });
  return sanitizeQuery(query, boundaryContext);
}

export class McpDocsSource implements KnowledgeSource {
  readonly name = "Prefect MCP server";

  constructor(private readonly connection: McpConnection) {}

  /** Identifies the server in cache keys (no credentials). */
  get cacheKey(): string {
    return redactSecrets(`mcp ${this.connection.description}`);
  }

  async search(query: string, options: SearchOptions): Promise<KnowledgeHit[]> {
    const safe = sanitizeOutgoingQuery(query);
    if (!safe) return [];
    const tool = await this.docsTool(options.signal);
    const topK = Math.max(1, Math.min(MAX_TOP_K, Math.round(options.topK)));
    const result = await this.connection.callTool(
      tool,
      { query: safe, top_k: topK },
      options.signal ? { signal: options.signal } : {},
    );
    try {
      const payload = parseDocsSearchResult(result, tool);
      if (payload.error) throw mcpError("tool_error", `${tool} reported: ${payload.error.slice(0, 300)}`);
      return payloadToHits(payload, safe).slice(0, topK);
    } catch (err) {
      if (err instanceof ServiceError && errorCode(err)) this.connection.reportFailure(err);
      throw err;
    }
  }

  /** The docs search tool's name; re-reads the tool list once when it is not there. */
  async docsTool(signal?: AbortSignal): Promise<string> {
    const opts = signal ? { signal } : {};
    const pick = (names: string[]) =>
      DOCS_TOOL_NAMES.find((n) => names.includes(n)) ?? names.find((n) => n.endsWith("search_prefect"));
    let found = pick((await this.connection.listTools(opts)).map((t) => t.name));
    if (!found) found = pick((await this.connection.refreshTools(opts)).map((t) => t.name));
    if (found) return found;
    const err = mcpError(
      "tool_missing",
      `${this.connection.description} offers no docs search tool (looked for ${DOCS_TOOL_NAMES.join(", ")})`,
    );
    this.connection.reportFailure(err);
    throw err;
  }
}
