/**
 * Docs look-ups through an MCP server that adds 100 ms to every call (the fault server's `slow`
 * mode, a real stdio process): one call whose analysis needs 30 distinct docs queries, analyzed
 * with an empty docs cache (bounded concurrency hides most of the latency) and again with the
 * cache filled (no server round trip at all).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadConfig } from "../src/config/env.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { analyzeCall } from "../src/pipeline/analyze-call.js";
import { openRuntime } from "../src/pipeline/runtime.js";
import { faultServerCommand, tempDir } from "../test/support/mcp-helpers.js";
import type { BenchResult } from "./run.js";

const SERVER_DELAY_MS = 100;
const ROUNDS = 3;

// 30 sentences that each make a different docs query (27 claims, 1 objection, 2 competitors); the
// detector may find one more objection among them, so the pass condition is "at least 30".
const REP_CLAIMS = [
  "Prefect retries failed tasks automatically when you set retries on the task decorator.",
  "Work pools let you choose where flow runs execute, and workers poll them for scheduled runs.",
  "Deployments store where your flow code lives and how it should run, including the schedule.",
  "Secret blocks keep credentials encrypted, and their values are obfuscated in logs.",
  "Prefect Cloud adds automations, audit logs and role-based access control.",
  "Task caching skips work when the inputs have not changed since the last run.",
  "The Kubernetes worker runs each flow run as a Kubernetes job.",
  "Global concurrency limits control how many task runs execute at once.",
  "Automations can pause a deployment when a flow run fails.",
  "Webhooks in Prefect Cloud turn external events into Prefect events.",
  "Event triggers can start a deployment when a file lands in an S3 bucket.",
  "Artifacts let you publish tables and markdown reports from a flow run.",
  "Variables store small pieces of configuration you can change without redeploying.",
  "The Docker worker runs each flow run in its own container.",
  "Serverless push work pools run flows on ECS without a worker.",
  "Cron schedules and interval schedules are both supported on deployments.",
  "Subflows show up as nested flow runs with their own states.",
  "Transactions let tasks roll back side effects when a later task fails.",
  "Results can be persisted to S3 so downstream tasks read them later.",
  "SSO with Okta and SCIM provisioning are available on the enterprise plan.",
  "Service accounts have API keys that you can scope with workspace roles.",
  "The prefect.yaml file defines build, push and pull steps for deployments.",
  "Incidents in Prefect Cloud track outages and link the affected flow runs.",
  "Rate limits on the Prefect Cloud API depend on your plan tier.",
  "Task runners like the Dask task runner run tasks in parallel on a cluster.",
  "Flow run timeouts stop runs that take longer than a set number of seconds.",
  "Log levels can be configured with Prefect settings for each logger.",
  "Block types for Snowflake and BigQuery come from the integration libraries.",
  "The Prefect UI shows a dashboard of flow run states across workspaces.",
  "Pausing a flow run waits for input from a user before it continues.",
];

function transcript(): string {
  const lines = REP_CLAIMS.map(
    (s, i) =>
      `[00:${String(Math.floor(i / 6)).padStart(2, "0")}:${String((i % 6) * 10).padStart(2, "0")}] Dana Rep: ${s}`,
  );
  lines.splice(
    1,
    0,
    "[00:00:05] Chris Buyer: We run most pipelines on Airflow today and the scheduler is a headache.",
  );
  lines.push("[00:05:10] Chris Buyer: How do you handle secrets, because our security team is strict?");
  lines.push("[00:05:20] Chris Buyer: We also looked at Dagster last year.");
  return `${lines.join("\n")}\n`;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

export async function run(): Promise<BenchResult[]> {
  const home = tempDir("cc-bench-mcp-");
  const file = join(home.path, "call.txt");
  writeFileSync(file, transcript());
  const config = loadConfig({
    CALL_COACH_HOME: home.path,
    CALL_COACH_KNOWLEDGE: "mcp",
    PREFECT_MCP_COMMAND: faultServerCommand("slow", "cc-bench-mcp", ["--delay-ms", String(SERVER_DELAY_MS)]),
    PATH: process.env.PATH,
  });
  const runtime = await openRuntime(config, { log: () => {} });
  try {
    const call = await parseTranscriptFile(file, { internal: ["Dana Rep"], companyDomain: null });
    const mcp = runtime.mcp!;
    const connectStart = performance.now();
    await mcp.connection.listTools();
    const connectMs = performance.now() - connectStart;

    const cold: number[] = [];
    const warm: number[] = [];
    let queries = 0;
    let warmHits = 0;
    for (let round = 0; round < ROUNDS; round++) {
      mcp.cache.clear();
      const t0 = performance.now();
      const first = await analyzeCall(call, { knowledge: runtime.gateway(), profile: runtime.profile });
      cold.push(performance.now() - t0);
      queries = first.report.knowledge.queries;
      if (first.report.knowledge.errors || first.report.knowledge.cache_hits)
        throw new Error(`cold run was not clean: ${JSON.stringify(first.report.knowledge)}`);
      for (let i = 0; i < 2; i++) {
        const t1 = performance.now();
        const again = await analyzeCall(call, { knowledge: runtime.gateway(), profile: runtime.profile });
        warm.push(performance.now() - t1);
        warmHits = again.report.knowledge.cache_hits;
      }
    }
    const coldMs = median(cold);
    const warmMs = median(warm);
    return [
      {
        name: `analyze, ${queries} distinct docs queries, MCP server +${SERVER_DELAY_MS} ms/call, cache empty`,
        value: Math.round(coldMs),
        unit: "ms",
        target: "≤ 600 ms",
        pass: coldMs <= 600 && queries >= 30,
        note: `median of ${ROUNDS}; connection already open; ${cold.map((v) => Math.round(v)).join("/")} ms`,
      },
      {
        name: `same call, answers in the docs cache (${warmHits}/${queries} cache hits)`,
        value: Math.round(warmMs * 10) / 10,
        unit: "ms",
        target: "≤ 50 ms",
        pass: warmMs <= 50 && warmHits === queries,
        note: `median of ${warm.length}`,
      },
      {
        name: "start the stdio MCP server and complete the handshake",
        value: Math.round(connectMs),
        unit: "ms",
        note: "paid once per process, on the first docs query",
      },
    ];
  } finally {
    await runtime.close();
    home.remove();
  }
}
