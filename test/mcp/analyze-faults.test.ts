/**
 * `call-coach analyze` with a misbehaving MCP server: each fault still yields a finished report,
 * with the fallbacks counted, no secret in the output, and no server process left running.
 */
import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import type { Report } from "../../src/model/report.js";
import {
  cleanEnv,
  faultServerCommand,
  homeWithFixtureDocs,
  processesWith,
  ROOT,
  readJsonLines,
  runCli,
  uniqueMarker,
  waitFor,
  waitForNoProcesses,
} from "../support/mcp-helpers.js";

// The bundled example: fault handling needs a real call, not the labeled eval data.
const CALL = join(ROOT, "examples", "halvorsen-discovery.gong.json");
const INTERNAL = "Ingrid Solberg,Dev Malhotra";
const API_KEY = "pnu_faulttestsecret0123456789";

let home: { path: string; remove(): void };
before(async () => {
  home = await homeWithFixtureDocs();
});
after(() => home.remove());

function analyze(
  env: Record<string, string>,
  onSpawn?: NonNullable<Parameters<typeof runCli>[2]>["onSpawn"],
) {
  return runCli(
    ["analyze", CALL, "--internal", INTERNAL, "--json"],
    cleanEnv({ CALL_COACH_HOME: home.path, PREFECT_API_KEY: API_KEY, ...env }),
    { timeoutMs: 60_000, ...(onSpawn ? { onSpawn } : {}) },
  );
}

function report(stdout: string): Report {
  const r = JSON.parse(stdout) as Report;
  assert.equal(r.schema, "call-coach/report@1");
  return r;
}

function evidenceSources(r: Report): string[] {
  return [...r.claims, ...r.objections, ...r.competitors].flatMap((x) => x.evidence.map((e) => e.source));
}

function assertFellBack(r: Report) {
  assert.ok(r.knowledge.queries >= 5, `the call needs several docs queries (${r.knowledge.queries})`);
  assert.equal(
    r.knowledge.fallbacks,
    r.knowledge.queries,
    "every query fell back to the local knowledge base",
  );
  assert.ok(r.knowledge.errors >= r.knowledge.fallbacks);
  assert.ok(evidenceSources(r).length > 0, "the local knowledge base answered");
  assert.ok(evidenceSources(r).every((s) => s !== "mcp"));
}

describe("analyze with a faulty MCP server", () => {
  it("server killed mid-analysis: finished report, the rest answered locally, no process left", async () => {
    const marker = uniqueMarker("killed");
    const log = join(home.path, `${marker}.jsonl`);
    let killed = 0;
    const result = await analyze(
      {
        CALL_COACH_KNOWLEDGE: "mcp",
        PREFECT_MCP_COMMAND: faultServerCommand("slow", marker, ["--delay-ms", "400", "--log", log]),
      },
      () => {
        // Kill the server once it has received its first queries (answers take 400 ms).
        void waitFor(() => readJsonLines(log).length > 0, 20_000, "first query").then(() => {
          // cmdline only: the CLI's own environment names the marker in PREFECT_MCP_COMMAND.
          for (const pid of processesWith(marker, "cmdline")) {
            process.kill(pid, "SIGKILL");
            killed++;
          }
        });
      },
    );
    assert.equal(result.code, 0, result.stderr);
    assert.equal(killed, 1);
    const r = report(result.stdout);
    assert.ok(r.knowledge.fallbacks > 0 && r.knowledge.fallbacks <= r.knowledge.queries);
    assert.ok(r.knowledge.errors >= r.knowledge.fallbacks);
    assert.match(result.stderr, /closed the connection|unavailable/);
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("server that never answers: one handshake timeout for the whole call, not one per query", async () => {
    const marker = uniqueMarker("silent");
    const log = join(home.path, `${marker}.jsonl`);
    const result = await analyze({
      CALL_COACH_KNOWLEDGE: "mcp",
      PREFECT_MCP_CONNECT_TIMEOUT_MS: "1500",
      PREFECT_MCP_COMMAND: faultServerCommand("silent", marker, ["--log", log]),
    });
    assert.equal(result.code, 0, result.stderr);
    const r = report(result.stdout);
    assertFellBack(r);
    // Counted, not timed (timing belongs in `npm run bench`): the server was started, and its
    // handshake waited for, once for all of the call's queries.
    const starts = readJsonLines(log);
    assert.equal(starts.length, 1, `${starts.length} handshakes for ${r.knowledge.queries} queries`);
    assert.match(result.stderr, /did not complete the MCP handshake within 1500 ms/);
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("server that stops answering in hybrid mode: one time budget, then the local knowledge base", async () => {
    const marker = uniqueMarker("hang");
    const result = await analyze({
      CALL_COACH_KNOWLEDGE: "hybrid",
      CALL_COACH_MCP_BUDGET_MS: "600",
      PREFECT_MCP_COMMAND: faultServerCommand("hang-after", marker, ["--answers", "0"]),
    });
    assert.equal(result.code, 0, result.stderr);
    const r = report(result.stdout);
    assert.equal(r.knowledge.mode, "hybrid");
    assertFellBack(r);
    // That the budget is spent once per run, not once per query, is the gateway's unit test.
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("malformed tool result", async () => {
    const marker = uniqueMarker("malformed");
    const result = await analyze({
      CALL_COACH_KNOWLEDGE: "mcp",
      PREFECT_MCP_COMMAND: faultServerCommand("malformed", marker),
    });
    assert.equal(result.code, 0, result.stderr);
    assertFellBack(report(result.stdout));
    assert.match(result.stderr, /no \{results: \[\.\.\.\]\} payload/);
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("docs tool missing", async () => {
    const marker = uniqueMarker("notool");
    const result = await analyze({
      PREFECT_MCP_ENABLED: "true",
      PREFECT_MCP_COMMAND: faultServerCommand("no-docs-tool", marker),
    });
    assert.equal(result.code, 0, result.stderr);
    const r = report(result.stdout);
    assert.equal(r.knowledge.mode, "hybrid", "PREFECT_MCP_ENABLED alone means hybrid");
    assertFellBack(r);
    assert.match(result.stderr, /offers no docs search tool/);
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("command that does not exist", async () => {
    const result = await analyze({
      CALL_COACH_KNOWLEDGE: "mcp",
      PREFECT_MCP_COMMAND: "/nonexistent/prefect-mcp-server",
    });
    assert.equal(result.code, 0, result.stderr);
    assertFellBack(report(result.stdout));
    assert.match(result.stderr, /command not found; set PREFECT_MCP_COMMAND/);
  });

  it("HTTP 401: credentials are sent as headers, refused, and never printed", async () => {
    const seen: IncomingHttpHeaders[] = [];
    const server = createServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      res.writeHead(401, { "content-type": "application/json", "www-authenticate": "Bearer" });
      res.end(JSON.stringify({ error: "invalid api key" }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const { port } = server.address() as AddressInfo;
      const result = await analyze({
        CALL_COACH_KNOWLEDGE: "mcp",
        PREFECT_MCP_URL: `http://127.0.0.1:${port}/mcp`,
        PREFECT_API_URL: "https://api.prefect.cloud/api/accounts/a/workspaces/w",
        PREFECT_API_AUTH_STRING: "admin:auth-string-secret",
      });
      assert.equal(result.code, 0, result.stderr);
      assertFellBack(report(result.stdout));
      assert.equal(seen.length, 1, "the circuit opened after the first refusal");
      assert.equal(seen[0]?.["x-prefect-api-key"], API_KEY);
      assert.equal(seen[0]?.["x-prefect-api-url"], "https://api.prefect.cloud/api/accounts/a/workspaces/w");
      assert.equal(seen[0]?.["x-prefect-api-auth-string"], "admin:auth-string-secret");
      assert.match(result.stderr, /refused the credentials \(HTTP 401\)/);
      assert.ok(!result.stdout.includes(API_KEY) && !result.stderr.includes(API_KEY));
    } finally {
      server.close();
    }
  });
});
