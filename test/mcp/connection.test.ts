/**
 * The MCP client's lifecycle against real server processes: our docs server and a fault server
 * (stdio), our docs server over Streamable HTTP. Process-table checks prove nothing is orphaned.
 */
import assert from "node:assert/strict";
import { after, afterEach, before, describe, it } from "node:test";
import { ServiceError } from "../../src/errors.js";
import { McpConnection } from "../../src/knowledge/mcp/connection.js";
import { McpDocsSource } from "../../src/knowledge/mcp/docs-source.js";
import { isAlive } from "../../src/knowledge/mcp/process-tree.js";
import type { McpTarget } from "../../src/knowledge/mcp/transport.js";
import {
  CLI,
  FAULT_SERVER,
  freePort,
  homeWithFixtureDocs,
  processesWith,
  sleep,
  startDocsServerHttp,
  uniqueMarker,
  waitForNoProcesses,
} from "../support/mcp-helpers.js";

let home: { path: string; remove(): void };
before(async () => {
  home = await homeWithFixtureDocs();
});
after(() => home.remove());

// The marker travels in the child's environment, where processesWith() looks too.
function stdio(args: string[], marker: string): McpTarget {
  return { kind: "stdio", command: process.execPath, args, env: { CC_TEST_MARKER: marker } };
}
const docsServer = (marker: string) =>
  stdio([CLI, "mcp", "docs-server", "--stdio", "--home", home.path], marker);
const faultServer = (mode: string, marker: string, extra: string[] = []) =>
  stdio([FAULT_SERVER, "--mode", mode, ...extra], marker);

const open: McpConnection[] = [];
// A failing assertion must not leave a server process behind (it would also keep the test alive).
afterEach(async () => {
  await Promise.all(open.splice(0).map((c) => c.close()));
});

function connect(target: McpTarget, extra: Partial<ConstructorParameters<typeof McpConnection>[0]> = {}) {
  const conn = new McpConnection({ target, requestTimeoutMs: 5_000, connectTimeoutMs: 10_000, ...extra });
  open.push(conn);
  return conn;
}

const code = (e: unknown) => (e instanceof ServiceError ? e.code : String(e));

describe("McpConnection over stdio", () => {
  it("connects lazily, shares one connection between concurrent calls, and leaves no process on close", async () => {
    const marker = uniqueMarker("shared");
    const conn = connect(docsServer(marker));
    assert.equal(processesWith(marker).length, 0, "nothing is started before the first call");
    const source = new McpDocsSource(conn);
    const results = await Promise.all(
      ["work pools workers", "secret blocks", "retries", "kubernetes worker", "airflow migration"].map((q) =>
        source.search(q, { topK: 3 }),
      ),
    );
    assert.ok(results.every((hits) => hits.length > 0));
    assert.ok(
      results.flat().every((h) => h.source === "mcp" && h.url.startsWith("https://docs.prefect.io/v3/")),
    );
    assert.equal(conn.status().connects, 1);
    assert.equal(processesWith(marker).length, 1);
    await conn.close();
    assert.deepEqual(await waitForNoProcesses(marker, 1_000), []);
  });

  it("reconnects after the server process dies, once the back-off has passed", async () => {
    const marker = uniqueMarker("reconnect");
    const conn = connect(docsServer(marker), { breaker: { cooldownMs: 200 } });
    const source = new McpDocsSource(conn);
    assert.ok((await source.search("flows", { topK: 2 })).length > 0);
    const firstPid = conn.status().pid!;
    process.kill(firstPid, "SIGKILL");
    await waitForNoProcesses(marker);
    await sleep(100);
    // The connection noticed: a call now fails fast instead of waiting for a timeout.
    await assert.rejects(source.search("work pools", { topK: 2 }), (e) => code(e) === "circuit_open");
    await sleep(250);
    const hits = await source.search("work pools", { topK: 2 });
    assert.ok(hits.length > 0);
    assert.notEqual(conn.status().pid, firstPid);
    assert.equal(conn.status().connects, 2);
    await conn.close();
    assert.deepEqual(await waitForNoProcesses(marker, 1_000), []);
  });

  it("times a request out, opens the circuit so the next call fails fast, and ends the hung server", async () => {
    const marker = uniqueMarker("hang");
    const conn = connect(faultServer("hang-after", marker, ["--answers", "1"]), { requestTimeoutMs: 400 });
    const source = new McpDocsSource(conn);
    assert.equal((await source.search("flows", { topK: 2 })).length, 2);
    const started = Date.now();
    await assert.rejects(source.search("work pools", { topK: 2 }), (e) => code(e) === "timeout");
    assert.ok(Date.now() - started < 1_500);
    const fast = Date.now();
    await assert.rejects(source.search("secrets", { topK: 2 }), (e) => code(e) === "circuit_open");
    assert.ok(Date.now() - fast < 200, "no second timeout (the request timeout is 400 ms)");
    assert.equal(conn.status().circuit, "open");
    await conn.close();
    assert.deepEqual(await waitForNoProcesses(marker, 1_000), []);
  });

  it("cancels a request when the caller aborts, without opening the circuit", async () => {
    const marker = uniqueMarker("cancel");
    const conn = connect(faultServer("slow", marker, ["--delay-ms", "2000"]));
    const source = new McpDocsSource(conn);
    const controller = new AbortController();
    const pending = source.search("flows", { topK: 2, signal: controller.signal });
    setTimeout(() => controller.abort(), 300);
    const started = Date.now();
    await assert.rejects(pending, (e) => code(e) === "cancelled");
    assert.ok(Date.now() - started < 1_000);
    assert.equal(conn.status().circuit, "closed");
    await conn.close();
    assert.deepEqual(await waitForNoProcesses(marker, 1_000), []);
  });

  it("a server that never answers costs one handshake timeout for all concurrent callers", async () => {
    const marker = uniqueMarker("silent");
    const conn = connect(faultServer("silent", marker), { connectTimeoutMs: 500 });
    const source = new McpDocsSource(conn);
    const outcomes = await Promise.allSettled(
      ["flows", "work pools", "secrets", "retries"].map((q) => source.search(q, { topK: 2 })),
    );
    assert.ok(outcomes.every((o) => o.status === "rejected" && code(o.reason) === "connect_failed"));
    // One timeout, not four: counted by connection attempts, not by the clock.
    assert.equal(conn.status().connects, 1);
    await assert.rejects(source.search("kubernetes", { topK: 2 }), (e) => code(e) === "circuit_open");
    await conn.close();
    assert.deepEqual(await waitForNoProcesses(marker, 4_000), []);
  });

  it("names a missing docs tool and a malformed result", async () => {
    const m1 = uniqueMarker("notool");
    const noTool = connect(faultServer("no-docs-tool", m1));
    await assert.rejects(new McpDocsSource(noTool).search("flows", { topK: 2 }), (e) => {
      return code(e) === "tool_missing" && /docs_search_prefect, search_prefect/.test((e as Error).message);
    });
    await noTool.close();
    const m2 = uniqueMarker("malformed");
    const malformed = connect(faultServer("malformed", m2));
    await assert.rejects(
      new McpDocsSource(malformed).search("flows", { topK: 2 }),
      (e) => code(e) === "malformed_result",
    );
    await malformed.close();
    assert.deepEqual(await waitForNoProcesses(m1, 1_000), []);
    assert.deepEqual(await waitForNoProcesses(m2, 1_000), []);
  });

  it("ends the server's own child processes too (as uvx starts python)", async () => {
    const marker = uniqueMarker("tree");
    // sh starts a long-lived grandchild, then becomes the server: closing stdin ends the
    // server, but the grandchild would live on, re-parented to init, without the tree kill.
    const script = `${JSON.stringify(process.execPath)} -e "setInterval(()=>{},1e9)" ${marker}-grandchild & exec ${JSON.stringify(process.execPath)} ${JSON.stringify(FAULT_SERVER)} --mode slow --marker ${marker}`;
    const conn = connect({
      kind: "stdio",
      command: "sh",
      args: ["-c", script],
      env: { PATH: process.env.PATH ?? "" },
    });
    await new McpDocsSource(conn).search("flows", { topK: 1 });
    const pid = conn.status().pid!;
    await sleep(100);
    assert.equal(processesWith(`${marker}-grandchild`).length, 1);
    await conn.close();
    assert.equal(isAlive(pid), false);
    assert.deepEqual(await waitForNoProcesses(marker, 2_000), []);
  });

  it("gives the child only a small environment plus PREFECT_API_URL/KEY", async () => {
    // The everything server's get-env tool is checked in test/interop/everything.test.ts; here
    // our own code decides what goes in: secrets of other services must not.
    const { targetFromConfig } = await import("../../src/knowledge/mcp/transport.js");
    const { loadConfig } = await import("../../src/config/env.js");
    const config = loadConfig({
      PREFECT_API_URL: "http://127.0.0.1:4200/api",
      PREFECT_API_KEY: "pnu_testkey123456",
      PREFECT_DOCS_MCP_URL: "http://127.0.0.1:9/mcp",
      OPENAI_API_KEY: "sk-should-not-pass-000000000",
      CALL_COACH_API_KEY: "service-secret",
      UV_CACHE_DIR: "/tmp/uv",
    });
    const target = targetFromConfig(config.mcp);
    assert.equal(target.kind, "stdio");
    if (target.kind !== "stdio") return;
    assert.deepEqual(target.env, {
      PREFECT_API_URL: "http://127.0.0.1:4200/api",
      PREFECT_API_KEY: "pnu_testkey123456",
      PREFECT_DOCS_MCP_URL: "http://127.0.0.1:9/mcp",
      UV_CACHE_DIR: "/tmp/uv",
    });
    assert.deepEqual(
      [target.command, ...target.args],
      ["uvx", "--from", "prefect-mcp", "prefect-mcp-server"],
    );
  });
});

describe("McpConnection over Streamable HTTP", () => {
  it("opens a new session transparently when the server restarted and forgot the old one", async () => {
    const port = await freePort();
    let server = await startDocsServerHttp(home.path, { port });
    const conn = connect({ kind: "http", url: new URL(server.url), headers: {} });
    const source = new McpDocsSource(conn);
    try {
      assert.ok((await source.search("work pools", { topK: 2 })).length > 0);
      await server.stop();
      server = await startDocsServerHttp(home.path, { port });
      const hits = await source.search("secret blocks", { topK: 2 });
      assert.ok(hits.length > 0);
      assert.equal(conn.status().connects, 2);
      assert.equal(conn.status().circuit, "closed", "an expired session is not a failure");
    } finally {
      await conn.close();
      await server.stop();
    }
  });

  it("reconnects after the server expired an idle session", async () => {
    const server = await startDocsServerHttp(home.path, { extra: ["--session-idle", "0.3"] });
    const conn = connect({ kind: "http", url: new URL(server.url), headers: {} });
    const source = new McpDocsSource(conn);
    try {
      await source.search("flows", { topK: 1 });
      await sleep(800);
      assert.ok((await source.search("retries", { topK: 1 })).length > 0);
      assert.equal(conn.status().connects, 2);
    } finally {
      await conn.close();
      await server.stop();
    }
  });

  it("fails fast with connect_failed when nothing listens", async () => {
    const port = await freePort();
    const conn = connect({ kind: "http", url: new URL(`http://127.0.0.1:${port}/mcp`), headers: {} });
    await assert.rejects(
      new McpDocsSource(conn).search("flows", { topK: 1 }),
      (e) => code(e) === "connect_failed",
    );
    await conn.close();
  });
});
