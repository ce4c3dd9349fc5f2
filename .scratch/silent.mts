import { McpConnection } from "/work/wt-mcp/src/knowledge/mcp/connection.js";
import { McpDocsSource } from "/work/wt-mcp/src/knowledge/mcp/docs-source.js";
const conn = new McpConnection({ target: { kind: "stdio", command: process.execPath, args: ["/work/wt-mcp/test/support/fault-mcp-server.mjs", "--mode", "silent"], env: {} }, requestTimeoutMs: 5000, connectTimeoutMs: 500 });
const s = new McpDocsSource(conn);
const t = Date.now();
const o = await Promise.allSettled(["a b", "c d"].map((q) => s.search(q, { topK: 2 })));
console.log(Date.now() - t, o.map((x) => x.status === "rejected" ? [x.reason.code, x.reason.message] : "ok"));
await conn.close();
