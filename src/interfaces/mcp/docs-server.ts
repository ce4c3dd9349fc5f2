/**
 * Call Coach's own docs MCP server: the local knowledge base behind a `search_prefect` tool with
 * the same input schema and result shape as Prefect's hosted docs server
 * (`{query, namespace, results: [{snippet, id, score, title, link, metadata}]}`). A team can
 * self-host docs search with it, and the real Prefect MCP server's docs proxy can point at it
 * (PREFECT_DOCS_MCP_URL=http://host:port/mcp). Served over stdio or Streamable HTTP (stateful
 * sessions that expire when idle).
 */
import { createHash, randomUUID } from "node:crypto";
import { appendFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import { z } from "zod";
import type { KnowledgeBase, PageSource } from "../../knowledge/local/knowledge-base.js";
import { MAX_MCP_MESSAGE_BYTES } from "./limits.js";
import { BoundedStdioServerTransport } from "./stdio-transport.js";

export const DOCS_SERVER_NAME = "Call Coach Docs";
const DEFAULT_TOP_K = 5;

export interface DocsServerOptions {
  /** Reported as `namespace` in results. */
  namespace?: string;
  /** Page sources served; synced docs only by default. */
  sources?: PageSource[];
  /** Append every received query as a JSON line here (an audit of what clients asked). */
  queryLog?: string | null;
}

const resultSchema = z.object({
  snippet: z.string(),
  id: z.string(),
  score: z.number(),
  title: z.string().optional(),
  link: z.string().optional(),
  metadata: z.record(z.string(), z.unknown()).optional(),
});

export interface DocsSearchResponse {
  query: string;
  namespace: string;
  results: z.infer<typeof resultSchema>[];
  error?: string;
}

/** What `search_prefect` answers for a query: the same payload as the hosted docs server. */
export function searchDocs(
  kb: KnowledgeBase,
  query: string,
  topK: number | null | undefined,
  options: DocsServerOptions = {},
): DocsSearchResponse {
  const hits = kb.search(query, { topK: topK ?? DEFAULT_TOP_K, sources: options.sources ?? ["docs"] });
  return {
    query,
    namespace: options.namespace ?? "call-coach-local",
    results: hits.map((h) => ({
      snippet: h.content,
      id: `kb_${createHash("sha1").update(h.url).update("\0").update(h.content).digest("hex").slice(0, 16)}`,
      score: h.score,
      title: h.title,
      link: h.url,
      metadata: { title: h.title, link: h.url, section: h.section, source: h.source },
    })),
  };
}

export function createDocsMcpServer(kb: KnowledgeBase, options: DocsServerOptions = {}): McpServer {
  const server = new McpServer({ name: DOCS_SERVER_NAME, version: "0.1.0" });
  server.registerTool(
    "search_prefect",
    {
      description:
        "Search the Prefect knowledgebase for documentation on concepts, usage, and best practices.",
      inputSchema: {
        query: z
          .string()
          .describe("a search query to find relevant document excerpts from Prefect's knowledgebase"),
        top_k: z
          .number()
          .int()
          .min(1)
          .max(20)
          .nullable()
          .default(null)
          .describe("How many document excerpts to return."),
      },
      outputSchema: {
        query: z.string(),
        namespace: z.string(),
        results: z.array(resultSchema),
        error: z.string().optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, top_k }) => {
      if (options.queryLog) {
        appendFileSync(
          options.queryLog,
          `${JSON.stringify({ at: new Date().toISOString(), query, top_k })}\n`,
        );
      }
      if (!query.trim()) {
        return {
          isError: true,
          content: [{ type: "text", text: "Error calling tool 'search_prefect': Query must not be empty." }],
        };
      }
      const payload = searchDocs(kb, query, top_k, options);
      return {
        structuredContent: payload as unknown as Record<string, unknown>,
        content: [{ type: "text", text: JSON.stringify(payload) }],
      };
    },
  );
  return server;
}

/**
 * Serves on stdin/stdout until stdin closes. The bounded transport answers an oversized or
 * malformed line with a JSON-RPC error instead of closing (see stdio-transport.ts).
 */
export async function serveDocsStdio(kb: KnowledgeBase, options: DocsServerOptions = {}): Promise<void> {
  const server = createDocsMcpServer(kb, options);
  const transport = new BoundedStdioServerTransport(MAX_MCP_MESSAGE_BYTES);
  transport.onerror = (err) => process.stderr.write(`call-coach docs-server: ${err.message}\n`);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = resolve;
  });
  await server.connect(transport);
  await closed;
  await server.close().catch(() => {});
}

export interface HttpDocsServer {
  url: string;
  port: number;
  sessions(): number;
  close(): Promise<void>;
}

export interface HttpServeOptions extends DocsServerOptions {
  host?: string;
  port?: number;
  /** Sessions unused this long are closed; their clients get 404 and reconnect. */
  sessionIdleMs?: number;
}

interface HttpSession {
  transport: StreamableHTTPServerTransport;
  server: McpServer;
  lastSeen: number;
}

/** Serves Streamable HTTP at /mcp (and a health check at /health). */
export async function serveDocsHttp(
  kb: KnowledgeBase,
  options: HttpServeOptions = {},
): Promise<HttpDocsServer> {
  const sessions = new Map<string, HttpSession>();
  const idleMs = options.sessionIdleMs ?? 30 * 60_000;

  const endSession = async (id: string) => {
    const s = sessions.get(id);
    if (!s) return;
    sessions.delete(id);
    await s.transport.close().catch(() => {});
    await s.server.close().catch(() => {});
  };

  const loopbackOnly = LOOPBACK.has(options.host ?? "127.0.0.1");
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    // Bound to loopback, only loopback names are accepted: a web page cannot reach the server
    // through a DNS name it controls (DNS rebinding).
    if (loopbackOnly && !LOOPBACK.has(hostName(header(req, "host")))) {
      return json(res, 403, { error: "forbidden host" });
    }
    const path = (req.url ?? "/").split("?")[0];
    if (path === "/health" && req.method === "GET") {
      return json(res, 200, { ok: true, name: DOCS_SERVER_NAME, sessions: sessions.size });
    }
    if (path !== "/mcp") return json(res, 404, { error: "not found; the MCP endpoint is /mcp" });
    const sessionId = header(req, "mcp-session-id");
    if (sessionId) {
      const s = sessions.get(sessionId);
      if (!s) return rpcError(res, 404, -32001, "Session not found");
      s.lastSeen = Date.now();
      await s.transport.handleRequest(req, res);
      if (req.method === "DELETE") await endSession(sessionId);
      return;
    }
    if (req.method !== "POST") return rpcError(res, 400, -32000, "Bad Request: no session; initialize first");
    const server = createDocsMcpServer(kb, options);
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: () => randomUUID(),
      onsessioninitialized: (id) => {
        sessions.set(id, { transport, server, lastSeen: Date.now() });
      },
    });
    transport.onclose = () => {
      if (transport.sessionId) sessions.delete(transport.sessionId);
    };
    await server.connect(transport);
    await transport.handleRequest(req, res);
    if (!transport.sessionId) {
      // Not an initialize request: nothing to keep.
      await transport.close().catch(() => {});
      await server.close().catch(() => {});
    }
  };

  const http: Server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      if (!res.headersSent) rpcError(res, 500, -32603, `Internal error: ${(err as Error).message}`);
      else res.end();
    });
  });
  const sweep = setInterval(
    () => {
      const now = Date.now();
      for (const [id, s] of sessions) if (now - s.lastSeen > idleMs) void endSession(id);
    },
    Math.min(idleMs, 60_000),
  );
  sweep.unref();

  await new Promise<void>((resolve, reject) => {
    http.once("error", reject);
    http.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/mcp`,
    port: address.port,
    sessions: () => sessions.size,
    async close() {
      clearInterval(sweep);
      await Promise.all([...sessions.keys()].map(endSession));
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

function hostName(host: string | undefined): string {
  if (!host) return "";
  if (host.startsWith("[")) return host.slice(0, host.indexOf("]") + 1);
  return host.replace(/:\d+$/, "").toLowerCase();
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function rpcError(res: ServerResponse, status: number, code: number, message: string): void {
  json(res, status, { jsonrpc: "2.0", error: { code, message }, id: null });
}
