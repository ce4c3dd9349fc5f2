/**
 * Call Coach as a service under load, on 127.0.0.1, with real processes:
 * - batch: `call-coach analyze DIR --store` over 200 synthetic 20–45 minute calls, local mode
 *   (target ≤ 60 s);
 * - reads: 200 concurrent connections reading stored reports (autocannon): errors and p99;
 * - uploads: 20 concurrent uploads of new transcripts (each analyzed and stored), 5 rounds:
 *   errors and p99.
 * The knowledge base is the docs snapshot in ../shared/prefect-docs when present (as in real
 * use), else the small test fixture docs (noted in the results).
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../src/knowledge/local/sync-dir.js";
import { ensurePackIndexed } from "../src/knowledge/pack/pack-index.js";
import type { BenchResult } from "./run.js";
import { longCallTranscript } from "./support/long-call.js";
import { CLI, FIXTURE_DOCS, ROOT, SHARED_DOCS, startServer } from "./support/serve.js";

const BATCH_CALLS = 200;
const READ_CONNECTIONS = 200;
const READ_REQUESTS = 10_000;
const UPLOAD_CONCURRENCY = 20;
const UPLOAD_ROUNDS = 5;

export async function run(): Promise<BenchResult[]> {
  const home = mkdtempSync(join(tmpdir(), "cc-bench-service-"));
  const env = { ...cleanEnv(), CALL_COACH_HOME: home, CALL_COACH_KNOWLEDGE: "local" };
  const docs = existsSync(SHARED_DOCS) ? SHARED_DOCS : FIXTURE_DOCS;
  const docsNote =
    docs === SHARED_DOCS ? "KB: ../shared/prefect-docs" : "KB: test fixture docs (../shared absent)";
  try {
    const kb = openKnowledgeBase(home);
    try {
      await ensurePackIndexed(kb);
      await syncFromDirectory(kb, { dir: docs, baseUrl: "https://docs.prefect.io" });
    } finally {
      kb.close();
    }

    const dir = join(home, "calls");
    mkdirSync(dir);
    let internal: string[] = [];
    for (let i = 0; i < BATCH_CALLS; i++) {
      const call = longCallTranscript(20 + (i % 26));
      internal = call.internal;
      writeFileSync(join(dir, `call-${String(i).padStart(3, "0")}.txt`), withMarker(call.text, i));
    }
    const started = performance.now();
    const batch = await runProcess(
      [CLI, "analyze", dir, "--store", "--json", "--internal", internal.join(",")],
      env,
    );
    const batchSeconds = (performance.now() - started) / 1000;
    const summary = JSON.parse(batch.stdout) as { analyzed: number; failed: number };
    const results: BenchResult[] = [
      {
        name: `batch analyze --store, ${BATCH_CALLS} calls of 20–45 min (local)`,
        value: batchSeconds,
        unit: "s",
        target: "≤ 60 s",
        pass: batch.code === 0 && summary.analyzed === BATCH_CALLS && batchSeconds <= 60,
        note: `${summary.analyzed} analyzed, ${summary.failed} failed; ${docsNote}`,
      },
    ];

    const server = await startServer(env);
    try {
      const list = (await (await fetch(`${server.url}/api/calls?limit=200`)).json()) as {
        calls: { id: string }[];
      };
      const ids = list.calls.map((c) => c.id);
      let n = 0;
      const reads = await autocannon({
        url: server.url,
        connections: READ_CONNECTIONS,
        amount: READ_REQUESTS,
        requests: [
          {
            method: "GET",
            setupRequest: (req) => ({ ...req, path: `/api/calls/${ids[n++ % ids.length]}/report` }),
          },
        ],
      });
      const readErrors = reads.errors + reads.timeouts + reads.non2xx;
      results.push(
        {
          name: `report reads, ${READ_CONNECTIONS} concurrent connections: p99 latency`,
          value: reads.latency.p99,
          unit: "ms",
          target: "0 errors",
          pass: readErrors === 0,
          note: `${reads.requests.total} requests, ${readErrors} errors/non-2xx, p50 ${reads.latency.p50} ms, ${Math.round(reads.requests.average)} req/s; reports average ${Math.round(reads.throughput.total / reads.requests.total / 1024)} KB (synthetic long calls, several times a real call's)`,
        },
        { name: "report reads: throughput", value: Math.round(reads.requests.average), unit: "req/s" },
      );

      const latencies: number[] = [];
      let uploadErrors = 0;
      let seq = 0;
      for (let round = 0; round < UPLOAD_ROUNDS; round++) {
        await Promise.all(
          Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
            const i = seq++;
            const call = longCallTranscript(15 + (i % 20));
            const t0 = performance.now();
            try {
              const res = await fetch(`${server.url}/api/calls`, {
                method: "POST",
                headers: { "content-type": "application/json" },
                body: JSON.stringify({
                  transcript: withMarker(call.text, 10_000 + i),
                  file_name: `upload-${i}.txt`,
                  internal: call.internal,
                }),
              });
              await res.arrayBuffer();
              if (res.status !== 201) uploadErrors++;
            } catch {
              uploadErrors++;
            }
            latencies.push(performance.now() - t0);
          }),
        );
      }
      latencies.sort((a, b) => a - b);
      results.push({
        name: `uploads (analyzed and stored), ${UPLOAD_CONCURRENCY} concurrent: p99 latency`,
        value: percentile(latencies, 0.99),
        unit: "ms",
        target: "0 errors",
        pass: uploadErrors === 0,
        note: `${latencies.length} uploads in ${UPLOAD_ROUNDS} rounds, ${uploadErrors} errors, p50 ${Math.round(percentile(latencies, 0.5))} ms`,
      });
    } finally {
      await server.stop();
    }
    return results;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function withMarker(text: string, i: number): string {
  return `${text}[01:00:00] Riley Chen: Thanks, this was conversation ${i}.\n`;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(CALL_COACH_|PREFECT_|ANTHROPIC_|OPENAI_)/.test(k)) env[k] = v;
  return env;
}

function runProcess(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "ignore"] });
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => {
      stdout += c;
    });
    child.once("error", reject);
    child.once("exit", (code) => resolvePromise({ code, stdout }));
  });
}
