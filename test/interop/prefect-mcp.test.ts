/**
 * Interop with the real Prefect MCP server (prefect-mcp from PyPI) against a real Prefect server,
 * with its docs proxy pointed at our docs MCP server (PREFECT_DOCS_MCP_URL), over stdio and
 * over Streamable HTTP, through our client, the `prefect` command and a full `analyze`.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { loadConfig } from "../../src/config/env.js";
import { McpConnection } from "../../src/knowledge/mcp/connection.js";
import { McpDocsSource } from "../../src/knowledge/mcp/docs-source.js";
import { PrefectTools } from "../../src/knowledge/mcp/prefect-tools.js";
import { targetFromConfig } from "../../src/knowledge/mcp/transport.js";
import type { Report } from "../../src/model/report.js";
import {
  EVAL_CALLS,
  readJsonLines,
  runCli,
  uniqueMarker,
  waitForNoProcesses,
} from "../support/mcp-helpers.js";
import { type PrefectStack, startPrefectMcpHttp, startPrefectStack } from "./support/prefect-stack.js";

const READ_ONLY_TOOLS = [
  "get_identity",
  "get_dashboard",
  "get_deployments",
  "get_flows",
  "get_flow_runs",
  "get_flow_run_logs",
  "get_task_runs",
  "get_work_pools",
  "read_events",
  "get_automations",
];
const CALL = "p01.gong.json";
const labels = JSON.parse(readFileSync(join(EVAL_CALLS, "p01.labels.json"), "utf8")) as {
  internal_speakers: string[];
  pii: string[];
};

let stack: PrefectStack;
before(
  async () => {
    stack = await startPrefectStack();
  },
  { timeout: 300_000 },
);
after(async () => {
  await stack?.stop();
});

function docsQueries(): string[] {
  return readJsonLines<{ query: string }>(stack.docsLog).map((q) => q.query);
}

function assertNoPii(queries: string[]) {
  for (const q of queries)
    for (const pii of labels.pii)
      assert.ok(!q.toLowerCase().includes(pii.toLowerCase()), `"${q}" contains "${pii}"`);
}

async function exercise(connection: McpConnection) {
  const names = (await connection.listTools()).map((t) => t.name);
  for (const tool of [...READ_ONLY_TOOLS, "docs_search_prefect"])
    assert.ok(names.includes(tool), `${tool} in ${names}`);

  // Docs through the Prefect server's proxy come from our docs server, with links.
  const before = docsQueries().length;
  const hits = await new McpDocsSource(connection).search("kubernetes worker helm", { topK: 3 });
  assert.ok(hits.length > 0);
  assert.equal(hits[0]?.url, "https://docs.prefect.io/v3/concepts/work-pools");
  assert.ok(hits.every((h) => h.source === "mcp" && h.url.startsWith("https://docs.prefect.io/v3/")));
  assert.match(hits[0]!.content, /Kubernetes worker/);
  assert.deepEqual(docsQueries().slice(before), ["kubernetes worker helm"]);

  const tools = new PrefectTools(connection);
  const s = stack.seeded;
  const identity = await tools.identity();
  assert.equal(identity.success, true);
  assert.match(String(identity.identity?.api_url), new RegExp(`^${stack.apiUrl}/?$`));

  const dashboard = await tools.dashboard();
  assert.equal(dashboard.success, true);
  assert.ok(dashboard.active_work_pools?.some((p) => p.name === s.pool));
  assert.ok((dashboard.flow_runs?.total ?? 0) >= 1);

  const deployments = await tools.deployments();
  assert.ok(deployments.deployments.some((d) => d.id === s.deployment_id && d.name === s.deployment));
  const flows = await tools.flows({ filter: { name: { any_: [s.flow] } } });
  assert.deepEqual(
    flows.flows.map((f) => f.id),
    [s.flow_id],
  );
  const runs = await tools.flowRuns({ limit: 50 });
  const runIds = runs.flow_runs.map((r) => r.id);
  for (const id of [...s.scheduled_runs, s.completed_run]) assert.ok(runIds.includes(id), `flow run ${id}`);
  const completed = runs.flow_runs.find((r) => r.id === s.completed_run);
  assert.equal(completed?.state_type, "COMPLETED");

  const logs = await tools.flowRunLogs(s.completed_run);
  assert.ok(logs.logs.some((l) => String(l.message).includes("interop flow ran with n=3")));
  const pools = await tools.workPools();
  assert.ok(pools.work_pools.some((p) => p.name === s.pool && p.type === "process"));
  const taskRuns = await tools.taskRuns();
  assert.equal(taskRuns.success, true);
  const events = await tools.events({ event_type_prefix: "prefect.flow-run" });
  assert.equal(events.success, true);
  assert.ok(events.events.some((e) => String(e.event_type).startsWith("prefect.flow-run.")));
  const automations = await tools.automations();
  assert.equal(automations.success, true);
  assert.ok(Array.isArray(await tools.resources()));
}

describe("real Prefect MCP server over stdio", () => {
  it("lists its tools, proxies docs search to our docs server, and shows the objects we created", async () => {
    const marker = uniqueMarker("prefect-stdio");
    const config = loadConfig(
      stack.serverEnv({
        PREFECT_API_URL: stack.apiUrl,
        PREFECT_MCP_COMMAND: `${stack.prefectMcpServer} ${marker}`,
      }),
    );
    const connection = new McpConnection({
      target: targetFromConfig(config.mcp),
      requestTimeoutMs: 30_000,
      connectTimeoutMs: 120_000,
    });
    try {
      await exercise(connection);
      assert.equal(connection.status().connects, 1);
    } finally {
      await connection.close();
    }
    assert.deepEqual(await waitForNoProcesses(marker), [], "no prefect-mcp-server process left");
  });

  it("`call-coach analyze` in mcp mode grounds claims in docs from the MCP server, with no PII sent", async () => {
    const marker = uniqueMarker("prefect-analyze-stdio");
    const before = docsQueries().length;
    const result = await runCli(
      ["analyze", join(EVAL_CALLS, CALL), "--internal", labels.internal_speakers.join(","), "--json"],
      stack.serverEnv({
        CALL_COACH_HOME: stack.home,
        CALL_COACH_KNOWLEDGE: "mcp",
        CALL_COACH_DOCS_CACHE_TTL_S: "0.001",
        CALL_COACH_DOCS_CACHE_STALE_S: "0.001",
        PREFECT_API_URL: stack.apiUrl,
        PREFECT_MCP_COMMAND: `${stack.prefectMcpServer} ${marker}`,
        PREFECT_MCP_TIMEOUT_MS: "30000",
      }),
      { timeoutMs: 180_000 },
    );
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as Report;
    assert.equal(report.knowledge.mode, "mcp");
    assert.equal(report.knowledge.errors, 0, result.stderr);
    assert.equal(report.knowledge.fallbacks, 0);
    const evidence = [...report.claims, ...report.objections, ...report.competitors].flatMap(
      (x) => x.evidence,
    );
    assert.ok(evidence.length > 0);
    assert.ok(evidence.every((e) => e.source === "mcp" && e.url.startsWith("https://docs.prefect.io/")));
    const received = docsQueries().slice(before);
    assert.equal(
      received.length,
      report.knowledge.queries,
      "every query went through the proxy to our docs server",
    );
    assertNoPii(received);
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });
});

describe("real Prefect MCP server over Streamable HTTP", () => {
  let server: { url: string; stop(): Promise<void> };
  const marker = uniqueMarker("prefect-http");
  before(
    async () => {
      // No PREFECT_API_URL in the server's environment: the workspace comes from our
      // X-Prefect-Api-Url header, so these tests prove the header reaches it.
      server = await startPrefectMcpHttp(stack, stack.serverEnv(), marker);
    },
    { timeout: 180_000 },
  );
  after(async () => {
    await server?.stop();
    assert.deepEqual(await waitForNoProcesses(marker), []);
  });

  it("lists its tools, proxies docs search, and reads the workspace named in the headers", async () => {
    const config = loadConfig({ PREFECT_MCP_URL: server.url, PREFECT_API_URL: stack.apiUrl });
    const connection = new McpConnection({
      target: targetFromConfig(config.mcp),
      requestTimeoutMs: 30_000,
      connectTimeoutMs: 60_000,
    });
    try {
      await exercise(connection);
    } finally {
      await connection.close();
    }
  });

  it("`call-coach prefect` prints the deployments, flow runs and dashboard", async () => {
    const env = stack.serverEnv({
      PREFECT_MCP_URL: server.url,
      PREFECT_API_URL: stack.apiUrl,
      CALL_COACH_HOME: stack.home,
    });
    const deployments = await runCli(["prefect", "deployments", "--json"], env, { timeoutMs: 60_000 });
    assert.equal(deployments.code, 0, deployments.stderr);
    assert.ok(
      (JSON.parse(deployments.stdout) as { deployments: { id: string }[] }).deployments.some(
        (d) => d.id === stack.seeded.deployment_id,
      ),
    );
    const flowRuns = await runCli(["prefect", "get_flow_runs"], env, { timeoutMs: 60_000 });
    assert.equal(flowRuns.code, 0, flowRuns.stderr);
    for (const id of stack.seeded.scheduled_runs) assert.match(flowRuns.stdout, new RegExp(id));
    const dashboard = await runCli(["prefect", "dashboard"], env, { timeoutMs: 60_000 });
    assert.match(dashboard.stdout, new RegExp(`Active work pools: .*${stack.seeded.pool} \\(process\\)`));
    const logs = await runCli(["prefect", "flow-run-logs", stack.seeded.completed_run], env, {
      timeoutMs: 60_000,
    });
    assert.match(logs.stdout, /interop flow ran with n=3/);
  });

  it("`call-coach analyze` in mcp mode over HTTP: evidence from MCP, then from the cache", async () => {
    const env = stack.serverEnv({
      CALL_COACH_HOME: stack.home,
      CALL_COACH_KNOWLEDGE: "mcp",
      PREFECT_MCP_URL: server.url,
      PREFECT_API_URL: stack.apiUrl,
    });
    await runCli(["docs", "cache", "clear"], env);
    const args = [
      "analyze",
      join(EVAL_CALLS, CALL),
      "--internal",
      labels.internal_speakers.join(","),
      "--json",
    ];
    const first = await runCli(args, env, { timeoutMs: 120_000 });
    assert.equal(first.code, 0, first.stderr);
    const r1 = JSON.parse(first.stdout) as Report;
    assert.equal(r1.knowledge.errors, 0, first.stderr);
    assert.ok(r1.claims.flatMap((c) => c.evidence).some((e) => e.source === "mcp"));
    const sent = docsQueries().length;
    const second = await runCli(args, env, { timeoutMs: 120_000 });
    const r2 = JSON.parse(second.stdout) as Report;
    assert.equal(r2.knowledge.cache_hits, r2.knowledge.queries);
    assert.equal(docsQueries().length, sent, "the cached run asked the server nothing");
    assert.deepEqual(r2.claims, r1.claims);
  });
});
