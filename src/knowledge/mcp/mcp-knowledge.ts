/**
 * Assembles the MCP knowledge source from configuration: one shared connection, the docs search
 * tool, optional warming of the local knowledge base, and the persistent docs cache in front.
 * This is the single point where Call Coach talks to the Prefect MCP server for documentation.
 */
import type { McpConfig } from "../../config/env.js";
import { CachedKnowledgeSource } from "../cache/cached-source.js";
import { type DocsCache, openDocsCache } from "../cache/docs-cache.js";
import type { KnowledgeBase } from "../local/knowledge-base.js";
import { McpConnection } from "./connection.js";
import { McpDocsSource } from "./docs-source.js";
import { KbWarmingSource } from "./kb-warmer.js";
import { targetFromConfig } from "./transport.js";

export interface McpKnowledge {
  connection: McpConnection;
  source: CachedKnowledgeSource;
  cache: DocsCache;
  close(): Promise<void>;
}

/** Only the MCP settings and the home folder (for the docs cache), not the whole configuration. */
export interface McpKnowledgeOptions {
  mcp: McpConfig;
  /** The product's data folder (its knowledge base's): where its docs cache lives. */
  home: string;
  kb: KnowledgeBase | null;
  log?: (line: string) => void;
}

export function openMcpConnection(mcp: McpConfig, log?: (line: string) => void): McpConnection {
  return new McpConnection({
    target: targetFromConfig(mcp),
    requestTimeoutMs: mcp.timeoutMs,
    connectTimeoutMs: mcp.connectTimeoutMs,
    ...(log && process.env.CALL_COACH_DEBUG === "1" ? { onServerLog: (l) => log(`mcp server: ${l}`) } : {}),
  });
}

export function openMcpKnowledge(options: McpKnowledgeOptions): McpKnowledge {
  const { mcp, kb, log } = options;
  const connection = openMcpConnection(mcp, log);
  const docs = new McpDocsSource(connection);
  const answering =
    kb && mcp.warmLocalKb
      ? new KbWarmingSource(docs, kb, (err) => log?.(`could not store MCP answers locally: ${String(err)}`))
      : docs;
  const cache = openDocsCache(options.home);
  const source = new CachedKnowledgeSource(answering, cache, {
    sourceKey: docs.cacheKey,
    times: { ttlMs: mcp.cacheTtlMs, staleMs: mcp.cacheStaleMs },
  });
  return {
    connection,
    source,
    cache,
    async close() {
      await source.close();
      await connection.close();
      cache.close();
    },
  };
}
