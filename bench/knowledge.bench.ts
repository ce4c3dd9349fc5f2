/**
 * Knowledge benchmarks: docs sync (cold, nothing changed, peak memory), search latency, and a
 * 60-minute call analyzed with grounding. Needs ../shared/prefect-docs beside the repository.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKnowledgeGateway } from "../src/knowledge/gateway.js";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { LocalKnowledgeSource } from "../src/knowledge/local/local-source.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { analyzeCall } from "../src/pipeline/analyze-call.js";
import { defaultProductProfile } from "../src/product/default.js";
import type { BenchResult } from "./run.js";
import { longCallTranscript } from "./support/long-call.js";

const DOCS = join(process.cwd(), "..", "shared", "prefect-docs");
const BASE_URL = "https://docs.prefect.io";

/** Topic-term queries like the ones grounding sends (sanitized claims, objections, competitors). */
const QUERIES = [
  "flow run child linked parent observe",
  "child flow cancelled ui parent keeps",
  "crashed infrastructure evicted pod memory error exception",
  "logs library import automatically captures configuration",
  "work pool push azure container instances worker",
  "cloud run worker gcp job",
  "docker image deploy registry push build",
  "dockerfile dependencies pyproject.toml requirements",
  "prefect.yaml pull step required build push",
  "work queue priority number higher wins",
  "flow final state task fails marked failed prefect",
  "pausing deployment schedules upgrade",
  "workspaces isolate dev staging prod",
  "rate limits per workspace account",
  "sdk retries rate-limited requests retry-after",
  "pause wait input form ui resume",
  "suspend infrastructure tears down process exits",
  "artifact types links markdown progress images tables",
  "image artifacts private bucket render",
  "runtime deployment name error locally",
  "secret block encrypted rest backend",
  "variables encrypted tokens",
  "deployment metadata code storage execution",
  "log lines batched request rate limit",
  "kubernetes worker helm chart job template",
  "k8s namespace job ttl",
  "sso saml oidc identity provider",
  "rbac roles workspace permissions custom",
  "audit logs enterprise",
  "self-hosted server postgres sqlite",
  "scale self-hosted redis background services",
  "task caching cache key inputs",
  "result persistence default storage",
  "retries delay exponential backoff jitter",
  "cron schedule timezone daylight saving",
  "automation trigger absence events",
  "webhook template url events",
  "global concurrency limits slots",
  "tag concurrency limits task tags",
  "worker heartbeat offline",
  "late state scheduled start time",
  "task runner thread pool dask ray",
  "transactions rollback commit",
  "security hybrid model code data",
  "outbound network access port",
  "pricing plans cloud",
  "migrate airflow dags operators",
  "dagster battlecard positioning comparison migration",
  "temporal battlecard positioning comparison migration",
  "upgrade agents workers",
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function syncInChild(home: string): {
  wallMs: number;
  ms: number;
  maxRssMb: number;
  added: number;
  unchanged: number;
} {
  const started = performance.now();
  const r = spawnSync(process.execPath, [join("bench", "support", "sync-child.mjs"), home, DOCS, BASE_URL], {
    encoding: "utf8",
  });
  const wallMs = performance.now() - started;
  if (r.status !== 0) throw new Error(`sync child failed: ${r.stderr}`);
  const out = JSON.parse(r.stdout) as {
    ms: number;
    maxRssMb: number;
    summary: { added: number; unchanged: number };
  };
  return {
    wallMs,
    ms: out.ms,
    maxRssMb: out.maxRssMb,
    added: out.summary.added,
    unchanged: out.summary.unchanged,
  };
}

export async function run(): Promise<BenchResult[]> {
  if (!existsSync(DOCS)) throw new Error(`docs snapshot not found at ${DOCS}`);
  const home = mkdtempSync(join(tmpdir(), "call-coach-bench-"));
  const results: BenchResult[] = [];
  try {
    const cold = syncInChild(home);
    results.push({
      name: "docs sync, cold (whole process)",
      value: Math.round(cold.wallMs),
      unit: "ms",
      target: "≤ 15000 ms",
      pass: cold.wallMs <= 15_000,
      note: `${cold.added} pages added, sync itself ${Math.round(cold.ms)} ms`,
    });
    results.push({
      name: "docs sync, cold: peak RSS",
      value: Math.round(cold.maxRssMb),
      unit: "MB",
      target: "≤ 300 MB",
      pass: cold.maxRssMb <= 300,
    });
    const warm = syncInChild(home);
    results.push({
      name: "docs sync, nothing changed (whole process)",
      value: Math.round(warm.wallMs),
      unit: "ms",
      target: "≤ 2000 ms",
      pass: warm.wallMs <= 2_000 && warm.added === 0,
      note: `${warm.unchanged} pages unchanged, peak RSS ${Math.round(warm.maxRssMb)} MB`,
    });

    const kb = openKnowledgeBase(home);
    try {
      for (const q of QUERIES) kb.search(q, { topK: 8 }); // warm the page cache and statements
      const times: number[] = [];
      for (let round = 0; round < 10; round++) {
        for (const q of QUERIES) {
          const t = performance.now();
          kb.search(q, { topK: 8 });
          times.push(performance.now() - t);
        }
      }
      times.sort((a, b) => a - b);
      const p50 = percentile(times, 50);
      const p99 = percentile(times, 99);
      results.push({
        name: "search p50",
        value: p50,
        unit: "ms",
        target: "≤ 2 ms",
        pass: p50 <= 2,
        note: `${times.length} searches, top 8`,
      });
      results.push({ name: "search p99", value: p99, unit: "ms", target: "≤ 10 ms", pass: p99 <= 10 });

      const { text, internal } = longCallTranscript(60);
      const file = join(home, "long-call.txt");
      writeFileSync(file, text);
      const call = await parseTranscriptFile(file, { internal });
      const local = new LocalKnowledgeSource(kb);
      const analyze = () =>
        analyzeCall(call, {
          knowledge: createKnowledgeGateway({ mode: "local", primary: local }),
          profile: defaultProductProfile(),
        });
      await analyze(); // warm-up: module initialisation, statement caches
      const runs: number[] = [];
      let claims = 0;
      for (let i = 0; i < 5; i++) {
        const t = performance.now();
        const { report } = await analyze();
        runs.push(performance.now() - t);
        claims = report.claims.length;
      }
      runs.sort((a, b) => a - b);
      const median = percentile(runs, 50);
      results.push({
        name: "analyze a 60-minute call with grounding (in-process, median of 5)",
        value: median,
        unit: "ms",
        target: "≤ 300 ms",
        pass: median <= 300,
        note: `${call.utterances.length} utterances, ${claims} claims judged`,
      });
    } finally {
      kb.close();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return results;
}
