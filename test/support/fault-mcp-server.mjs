#!/usr/bin/env node
// A small stdio MCP server whose docs tool misbehaves on purpose, for fault and speed tests of
// the MCP client. It is not an imitation of the Prefect server: the real one is tested in
// test/interop. Modes (--mode):
//   silent          reads stdin and never answers (not even the handshake)
//   malformed       search_prefect answers text that is not JSON
//   no-docs-tool    offers only an unrelated tool
//   slow            search_prefect answers a valid payload after --delay-ms (default 0)
//   hang-after      answers --answers N calls (default 1) validly, then never again
//   dead-api        get_flows answers as the Prefect server does when its API is down
// --log FILE appends each received query (in silent mode: each start) as a JSON line. Other arguments (e.g. --marker) are
// ignored, so tests can tag the process to find it in the process table.
import { appendFileSync } from "node:fs";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { z } from "zod";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && i + 1 < args.length ? args[i + 1] : fallback;
};
const mode = opt("mode", "slow");
const delayMs = Number(opt("delay-ms", "0"));
const answers = Number(opt("answers", "1"));
const log = opt("log", null);

if (mode === "silent") {
  // With --log, each start is a line: tests count handshakes without timing them.
  if (log) appendFileSync(log, `${JSON.stringify({ started: process.pid })}\n`);
  process.stdin.resume();
  setInterval(() => {}, 1 << 30);
} else {
  const server = new McpServer({ name: `fault-${mode}`, version: "0.0.0" });
  let calls = 0;
  if (mode === "dead-api") {
    server.registerTool("get_flows", { description: "flows", inputSchema: {} }, async () => ({
      content: [
        {
          type: "text",
          text: JSON.stringify({
            success: false,
            flows: [],
            error: "Error fetching flows: All connection attempts failed (http://127.0.0.1:9/api)",
          }),
        },
      ],
    }));
  } else if (mode === "no-docs-tool") {
    server.registerTool("get_identity", { description: "identity", inputSchema: {} }, async () => ({
      content: [
        { type: "text", text: JSON.stringify({ success: true, identity: { api_url: "none" }, error: null }) },
      ],
    }));
  } else {
    server.registerTool(
      "search_prefect",
      {
        description: "Search the knowledgebase.",
        inputSchema: { query: z.string(), top_k: z.number().int().min(1).max(20).nullable().default(null) },
      },
      async ({ query, top_k }) => {
        calls++;
        if (log) appendFileSync(log, `${JSON.stringify({ query, top_k })}\n`);
        if (mode === "malformed") return { content: [{ type: "text", text: "this is not json {" }] };
        if (mode === "hang-after" && calls > answers) return new Promise(() => {});
        if (delayMs) await new Promise((r) => setTimeout(r, delayMs));
        const slug = query.replace(/[^a-z0-9]+/gi, "-").toLowerCase();
        const n = Math.min(top_k ?? 5, 3);
        const results = Array.from({ length: n }, (_, i) => ({
          snippet: `This is an excerpt from a document\n\n# Document metadata\n        title=None link='https://docs.example.test/${slug}/${i}' source='url'\n\n# Excerpt content: About ${query}\nExcerpt ${i} about ${query}.`,
          id: `doc_${slug}_${i}`,
          score: 0.1 * (i + 1),
        }));
        const payload = { query, namespace: "fault-test", results };
        return { content: [{ type: "text", text: JSON.stringify(payload) }] };
      },
    );
  }
  await server.connect(new StdioServerTransport());
}
