// biome-ignore-all lint/suspicious/noExplicitAny: the tests read untyped JSON from the wire
/** Call Coach's MCP server through the official SDK client, over stdio and Streamable HTTP. */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CALL_COACH_MCP_TOOLS } from "../../src/interfaces/mcp/call-coach-server.js";
import { reportSchema } from "../../src/model/report.js";
import { callJson, callText, DANA, MORGAN, RILEY, SAM } from "./support/calls.js";
import {
  CLI,
  childEnv,
  makeHome,
  ROOT,
  type RunningServe,
  removeHome,
  startCliServer,
} from "./support/home.js";

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: any };

async function call(client: Client, name: string, args: Record<string, unknown>): Promise<ToolResult> {
  return (await client.callTool({ name, arguments: args })) as ToolResult;
}

function textOf(r: ToolResult): string {
  return r.content.map((c) => c.text ?? "").join("");
}

describe("MCP server over stdio", () => {
  let home: string;
  let client: Client;
  before(async () => {
    home = await makeHome("cc-mcp-");
    client = new Client({ name: "call-coach-test", version: "1.0.0" });
    const env = childEnv(home) as Record<string, string>;
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, "mcp", "serve", "--stdio"],
        env,
        cwd: ROOT,
        stderr: "pipe",
      }),
    );
  });
  after(async () => {
    await client.close();
    removeHome(home);
  });

  test("lists the six tools with input schemas", async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), [...CALL_COACH_MCP_TOOLS].sort());
    const analyze = tools.find((t) => t.name === "analyze_call")!;
    assert.ok(analyze.inputSchema.properties?.transcript);
    assert.ok(analyze.inputSchema.properties?.call_id);
  });

  test("analyze_call stores the call; get_call_report, list_calls and get_rep_insights read it back", async () => {
    const analyzed = await call(client, "analyze_call", {
      transcript: callJson({
        id: "mcp-1",
        title: "Northwind | Demo",
        startedAt: "2026-03-02T15:00:00Z",
        rep: DANA,
        customer: RILEY,
      }),
      file_name: "northwind.json",
    });
    assert.equal(analyzed.isError, undefined, textOf(analyzed));
    const { call_id, cached, report } = analyzed.structuredContent;
    assert.equal(cached, false);
    assert.ok(reportSchema.safeParse(report).success);
    assert.equal(report.claims.filter((c: any) => c.verdict === "contradicted").length, 2);

    const again = await call(client, "analyze_call", { call_id });
    assert.equal(again.structuredContent.cached, true);

    const md = await call(client, "get_call_report", { call_id, format: "markdown" });
    assert.match(textOf(md), /Log lines are batched/);
    const list = await call(client, "list_calls", { rep: DANA.email });
    assert.equal(list.structuredContent.total, 1);
    assert.equal(list.structuredContent.calls[0].id, call_id);
    const insights = await call(client, "get_rep_insights", { rep: "Dana Reyes" });
    assert.deepEqual(insights.structuredContent.wrong_claims.map((w: any) => w.topic).sort(), [
      "rate limit",
      "work queue",
    ]);
  });

  test("analyze_call takes plain text with internal speakers and returns Markdown when asked", async () => {
    const r = await call(client, "analyze_call", {
      transcript: callText({ id: "t", title: "t", startedAt: "", rep: SAM, customer: MORGAN }),
      internal: ["Sam Ortiz"],
      format: "markdown",
    });
    assert.equal(r.isError, undefined, textOf(r));
    assert.match(textOf(r), /work queue/i);
  });

  test("validate_claim and search_docs", async () => {
    const v = await call(client, "validate_claim", {
      statement:
        "Work queues with a higher priority number win, so give the critical work queue priority ten.",
    });
    assert.equal(v.structuredContent.verdict, "contradicted");
    assert.match(v.structuredContent.correction, /Lower priority numbers take precedence/);
    assert.equal(v.structuredContent.evidence[0].url, "https://docs.prefect.io/v3/concepts/work-pools");
    const s = await call(client, "search_docs", { query: "secret block encrypted", top_k: 2 });
    // The fixture docs page or the bundled pack's secrets fact, whichever ranks first.
    assert.match(s.structuredContent.results[0].url, /^https:\/\/docs\.prefect\.io\/v3\/.*secrets$/);
    assert.equal(s.structuredContent.results.length <= 2, true);
  });

  test("bad input is a tool error naming the problem, and the server keeps serving", async () => {
    const neither = await call(client, "analyze_call", {});
    assert.equal(neither.isError, true);
    assert.match(textOf(neither), /exactly one of transcript or call_id/);
    const unknown = await call(client, "get_call_report", { call_id: "nope" });
    assert.equal(unknown.isError, true);
    assert.match(textOf(unknown), /no stored call with id "nope"/);
    const badType = await call(client, "search_docs", { query: "x", top_k: 500 });
    assert.equal(badType.isError, true);
    assert.match(textOf(badType), /top_k/);
    const badTranscript = await call(client, "analyze_call", { transcript: "{ broken", file_name: "x.json" });
    assert.equal(badTranscript.isError, true);
    assert.match(textOf(badTranscript), /x\.json/);
    const noRep = await call(client, "get_rep_insights", { rep: "nobody@nowhere.test" });
    assert.equal(noRep.isError, true);
    assert.equal((await client.listTools()).tools.length, 6);
  });
});

describe("MCP server over Streamable HTTP", () => {
  const KEY = "cc-mcp-key-0b8e2d6f1a93";
  let home: string;
  let serve: RunningServe;
  let standalone: RunningServe;
  before(async () => {
    home = await makeHome("cc-mcp-http-");
    serve = await startCliServer(["serve"], home, { CALL_COACH_API_KEY: KEY });
    standalone = await startCliServer(["mcp", "serve"], home);
  });
  after(async () => {
    await serve.stop();
    await standalone.stop();
    removeHome(home);
  });

  async function connect(url: string, headers: Record<string, string> = {}): Promise<Client> {
    const client = new Client({ name: "call-coach-test", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
    return client;
  }

  test("`serve` exposes the tools at /mcp behind the API key", async () => {
    const client = await connect(`${serve.url}/mcp`, { authorization: `Bearer ${KEY}` });
    try {
      const { tools } = await client.listTools();
      assert.equal(tools.length, 6);
      const r = await call(client, "analyze_call", {
        transcript: callJson({
          id: "mcp-http",
          title: "HTTP call",
          startedAt: "2026-03-09T15:00:00Z",
          rep: DANA,
          customer: RILEY,
        }),
      });
      assert.equal(r.isError, undefined, textOf(r));
      const listed = await call(client, "list_calls", { query: "backfill" });
      assert.equal(listed.structuredContent.total, 1);
    } finally {
      await client.close();
    }
    await assert.rejects(connect(`${serve.url}/mcp`));
  });

  test("`mcp serve --port` serves the same tools on its own", async () => {
    const client = await connect(`${standalone.url}/mcp`);
    try {
      const r = await call(client, "get_rep_insights", {});
      assert.equal(r.isError, undefined, textOf(r));
      assert.equal(r.structuredContent.team.calls, 1, "it reads the same store as `serve`");
    } finally {
      await client.close();
    }
  });
});
