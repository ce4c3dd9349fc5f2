/**
 * Assembles the MCP knowledge source from configuration: one shared connection, the docs search
 * tool, optional warming of the local knowledge base, and the persistent docs cache in front.
 * This is the single point where Call Coach talks to the Prefect MCP server for documentation.
 */
import type { Config } from "../../config/env.js";
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

export interface McpKnowledgeOptions {
  config: Config;
  kb: KnowledgeBase | null;
  log?: (line: string) => void;
  /** Folder of the product's docs cache (its knowledge base's); `config.home` when absent. */
  home?: string;
}

export function openMcpConnection(config: Config, log?: (line: string) => void): McpConnection {
  return new McpConnection({
    target: targetFromConfig(config.mcp),
    requestTimeoutMs: config.mcp.timeoutMs,
    connectTimeoutMs: config.mcp.connectTimeoutMs,
    ...(log && process.env.CALL_COACH_DEBUG === "1" ? { onServerLog: (l) => log(`mcp server: ${l}`) } : {}),
  });
}

export function openMcpKnowledge(options: McpKnowledgeOptions): McpKnowledge {
  const { config, kb, log } = options;
  const connection = openMcpConnection(config, log);
  const docs = new McpDocsSource(connection);
  const answering =
    kb && config.mcp.warmLocalKb
      ? new KbWarmingSource(docs, kb, (err) => log?.(`could not store MCP answers locally: ${String(err)}`))
      : docs;
  const cache = openDocsCache(options.home ?? config.home);
  const source = new CachedKnowledgeSource(answering, cache, {
    sourceKey: docs.cacheKey,
    times: { ttlMs: config.mcp.cacheTtlMs, staleMs: config.mcp.cacheStaleMs },
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
