// biome-ignore-all lint/suspicious/noExplicitAny: the tests read untyped JSON from the wire
/**
 * Call Coach's stdio MCP server at its limits, through the SDK client against the real process:
 * strict tool arguments, invalid request params, a transcript over the tool's byte limit, and a
 * message over the transport's limit — each answered with an error while the server stays up.
 */
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { CallToolResultSchema, McpError } from "@modelcontextprotocol/sdk/types.js";
import { MAX_MCP_MESSAGE_BYTES, MAX_TOOL_TRANSCRIPT_BYTES } from "../../src/interfaces/mcp/limits.js";
import { callText, MORGAN, SAM } from "./support/calls.js";
import { CLI, childEnv, makeHome, ROOT, removeHome } from "./support/home.js";

type ToolResult = { isError?: boolean; content: { type: string; text?: string }[]; structuredContent?: any };

const textOf = (r: ToolResult) => r.content.map((c) => c.text ?? "").join("");

describe("stdio MCP server limits", () => {
  let home: string;
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = "";
  let exitCode: number | null = null;
  before(async () => {
    home = await makeHome("cc-mcp-limits-");
    client = new Client({ name: "call-coach-limits-test", version: "1.0.0" });
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [CLI, "mcp", "serve", "--stdio"],
      env: childEnv(home) as Record<string, string>,
      cwd: ROOT,
      stderr: "pipe",
    });
    transport.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    transport.onclose = () => {
      exitCode = exitCode ?? -1;
    };
    await client.connect(transport);
  });
  after(async () => {
    await client.close();
    removeHome(home);
  });

  const callTool = (name: string, args: Record<string, unknown>) =>
    client.callTool({ name, arguments: args }, undefined, { timeout: 120_000 }) as Promise<ToolResult>;

  test("unknown arguments are tool errors naming the argument", async () => {
    const r = await callTool("validate_claim", {
      statement: "Tasks retry three times by default.",
      mode: "x",
    });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /mode/);
    const a = await callTool("analyze_call", { transcript: "[00:00:01] A: hi", internals: ["A"] });
    assert.equal(a.isError, true);
    assert.match(textOf(a), /internals/);
  });

  test("the tools' input schemas forbid additional properties", async () => {
    const { tools } = await client.listTools();
    for (const tool of tools) assert.equal(tool.inputSchema.additionalProperties, false, tool.name);
  });

  test("tools/call without params is invalid params (-32602), not an internal error", async () => {
    await assert.rejects(
      client.request({ method: "tools/call" } as any, CallToolResultSchema),
      (err: unknown) => {
        assert.ok(err instanceof McpError, String(err));
        assert.equal(err.code, -32602);
        assert.doesNotMatch(err.message, /"code":|invalid_type.*\n/);
        return true;
      },
    );
  });

  test("a transcript within the transport limit but over the tool's byte limit is a tool error", async () => {
    // 3.9 M CJK characters: under the old character limit, 11.7 MB of UTF-8.
    const transcript = `[00:00:01] 王: ${"你".repeat(3_900_000)}\n`;
    assert.ok(Buffer.byteLength(transcript) > MAX_TOOL_TRANSCRIPT_BYTES);
    assert.ok(Buffer.byteLength(transcript) < MAX_MCP_MESSAGE_BYTES);
    const r = await callTool("analyze_call", { transcript });
    assert.equal(r.isError, true);
    assert.match(textOf(r), /transcript/);
    assert.match(textOf(r), /10 MB of UTF-8/);
  });

  test("a message over the transport limit gets a JSON-RPC error with its id, and the server stays up", async () => {
    const transcript = "x".repeat(MAX_MCP_MESSAGE_BYTES + 1024);
    await assert.rejects(callTool("analyze_call", { transcript }), (err: unknown) => {
      assert.ok(err instanceof McpError, String(err));
      assert.equal(err.code, -32600);
      assert.match(err.message, /over the 16\.0 MB limit/);
      return true;
    });
    // stderr is another pipe: its line may arrive after the answer.
    for (let i = 0; i < 100 && !/MCP message of \d+ bytes refused/.test(stderr); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.match(stderr, /MCP message of \d+ bytes refused/);
    // Still serving: a normal call right after works.
    const ok = await callTool("analyze_call", {
      transcript: callText({ id: "l", title: "l", startedAt: "", rep: SAM, customer: MORGAN }),
      file_name: "after-the-big-one.txt",
      internal: ["Sam Ortiz"],
    });
    assert.equal(ok.isError, undefined, textOf(ok));
    assert.equal(ok.structuredContent.report.claims.length, 3);
    assert.equal(exitCode, null);
  });

  test("analyze_call without team names returns the warning with the report", async () => {
    const r = await callTool("analyze_call", {
      transcript: callText({
        id: "w",
        title: "w",
        startedAt: "",
        rep: SAM,
        customer: MORGAN,
        marker: "warn",
      }),
    });
    assert.equal(r.isError, undefined, textOf(r));
    assert.ok(
      r.structuredContent.warnings.some((w: string) => /no speaker is known to be on your team/.test(w)),
    );
  });
});
