/**
 * The generic client paths against a third-party reference server,
 * @modelcontextprotocol/server-everything (stdio): tool calls with text and structured results,
 * resource listing across pages, the environment the child gets, timeouts, a missing docs tool,
 * and shutdown without leftovers.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { afterEach, describe, it } from "node:test";
import { loadConfig } from "../../src/config/env.js";
import { ServiceError } from "../../src/errors.js";
import { McpConnection } from "../../src/knowledge/mcp/connection.js";
import { McpDocsSource } from "../../src/knowledge/mcp/docs-source.js";
import { targetFromConfig } from "../../src/knowledge/mcp/transport.js";
import { cleanEnv, ROOT, runCli, uniqueMarker, waitForNoProcesses } from "../support/mcp-helpers.js";

const EVERYTHING = join(
  ROOT,
  "node_modules",
  "@modelcontextprotocol",
  "server-everything",
  "dist",
  "index.js",
);
const SECRET = "pnu_everythingsecret123456789";

const open: McpConnection[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function connectEverything(marker: string, extraEnv: Record<string, string> = {}, requestTimeoutMs = 10_000) {
  const config = loadConfig({
    PREFECT_MCP_COMMAND: `${process.execPath} ${EVERYTHING} stdio ${marker}`,
    PREFECT_API_URL: "http://127.0.0.1:4200/api",
    PREFECT_API_KEY: SECRET,
    OPENAI_API_KEY: "sk-not-for-the-mcp-server-0000000000",
    CALL_COACH_API_KEY: "service-key-not-for-children",
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    ...extraEnv,
  });
  const conn = new McpConnection({
    target: targetFromConfig(config.mcp),
    requestTimeoutMs,
    connectTimeoutMs: 20_000,
  });
  open.push(conn);
  return conn;
}

const text = (r: { content: unknown[] }) =>
  (r.content as { type: string; text?: string }[])
    .filter((c) => c.type === "text")
    .map((c) => c.text)
    .join("\n");

describe("interop with @modelcontextprotocol/server-everything", () => {
  it("calls tools with text and with schema-checked structured results", async () => {
    const conn = connectEverything(uniqueMarker("everything-tools"));
    const names = (await conn.listTools()).map((t) => t.name);
    for (const t of ["echo", "get-sum", "get-structured-content", "get-env"]) assert.ok(names.includes(t), t);
    assert.match(text(await conn.callTool("echo", { message: "work pools" })), /work pools/);
    assert.match(text(await conn.callTool("get-sum", { a: 2, b: 40 })), /42/);
    const structured = await conn.callTool("get-structured-content", { location: "New York" });
    assert.equal(typeof (structured.structuredContent as { temperature?: unknown }).temperature, "number");
  });

  it("gives the child a minimal environment: PREFECT_* yes, other services' keys no", async () => {
    const conn = connectEverything(uniqueMarker("everything-env"));
    const env = JSON.parse(text(await conn.callTool("get-env", {}))) as Record<string, string>;
    assert.equal(env.PREFECT_API_URL, "http://127.0.0.1:4200/api");
    assert.equal(env.PREFECT_API_KEY, SECRET);
    assert.equal(env.OPENAI_API_KEY, undefined);
    assert.equal(env.CALL_COACH_API_KEY, undefined);
    assert.equal(env.PREFECT_MCP_COMMAND, undefined, "our own settings stay with us");
  });

  it("lists resources across pages", async () => {
    const conn = connectEverything(uniqueMarker("everything-resources"));
    const resources = await conn.listResources();
    assert.ok(resources.length > 0);
    assert.ok(resources.every((r) => typeof r.uri === "string" && r.uri.includes("://")));
    assert.equal(new Set(resources.map((r) => r.uri)).size, resources.length, "no page read twice");
  });

  it("times out a long operation, then fails fast while the circuit is open", async () => {
    const conn = connectEverything(uniqueMarker("everything-timeout"), {}, 500);
    await assert.rejects(
      conn.callTool("trigger-long-running-operation", { duration: 5, steps: 5 }),
      (e) => e instanceof ServiceError && e.code === "timeout" && /within 500 ms/.test(e.message),
    );
    await assert.rejects(
      conn.callTool("echo", { message: "x" }),
      (e) => e instanceof ServiceError && e.code === "circuit_open",
    );
  });

  it("reports that the server has no docs search tool", async () => {
    const conn = connectEverything(uniqueMarker("everything-docs"));
    await assert.rejects(
      new McpDocsSource(conn).search("work pools", { topK: 3 }),
      (e) => e instanceof ServiceError && e.code === "tool_missing",
    );
  });

  it("`call-coach prefect tools` lists its tools, with no key in the output, and no process is left", async () => {
    const marker = uniqueMarker("everything-cli");
    const result = await runCli(
      ["prefect", "tools"],
      cleanEnv({
        PREFECT_MCP_COMMAND: `${process.execPath} ${EVERYTHING} stdio ${marker}`,
        PREFECT_API_KEY: SECRET,
      }),
    );
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, /^echo\s+/m);
    assert.ok(!result.stdout.includes(SECRET) && !result.stderr.includes(SECRET));
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("closing ends the server process", async () => {
    const marker = uniqueMarker("everything-close");
    const conn = connectEverything(marker);
    await conn.listTools();
    const pid = conn.status().pid;
    assert.ok(pid);
    await conn.close();
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });
});
