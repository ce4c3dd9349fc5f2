/**
 * Parse + analyze speed on a 60-minute call (~9,000 words, bench/support/long-call.ts).
 * - in-process: parseTranscript + analyzeConversation (metrics and every kind of moment), median
 *   of 30 runs after 5 warm-up runs; target ≤ 100 ms.
 * - CLI end to end: `call-coach analyze FILE --json` as a user runs it (new Node process, local
 *   knowledge mode with the bundled pack already indexed), median of 7 runs; target ≤ 1 s.
 *   The first run, which also creates the knowledge base and indexes the pack, is reported
 *   separately without a target, and so is a run against the full Prefect docs snapshot
 *   (../shared/prefect-docs synced into the knowledge base) when it is there.
 */
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { analyzeConversation } from "../src/analyze/index.js";
import { parseTranscript } from "../src/parse/index.js";
import { defaultProductProfile } from "../src/product/default.js";
import type { BenchResult } from "./run.js";
import { longCallTranscript } from "./support/long-call.js";

const CLI = join(import.meta.dirname, "..", "dist", "interfaces", "cli", "main.js");
const DOCS = join(import.meta.dirname, "..", "..", "shared", "prefect-docs");

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, ...args], { env, maxBuffer: 64 * 1024 * 1024 }, (err, _out, stderr) => {
      if (err) reject(new Error(`call-coach failed: ${stderr.split("\n")[0]}`));
      else resolve(performance.now() - start);
    });
  });
}

export async function run(): Promise<BenchResult[]> {
  const { text, internal } = longCallTranscript(60);
  const words = text.split(/\s+/).length;

  const once = () => {
    const call = parseTranscript(text, { fileName: "long-call.txt", internal });
    return analyzeConversation(call, { profile: defaultProductProfile() });
  };
  for (let i = 0; i < 5; i++) once();
  const times: number[] = [];
  let analysis = once();
  for (let i = 0; i < 30; i++) {
    const start = performance.now();
    analysis = once();
    times.push(performance.now() - start);
  }
  const inProcess = median(times);

  const dir = await mkdtemp(join(tmpdir(), "cc-bench-"));
  try {
    const file = join(dir, "long-call.txt");
    await writeFile(file, text);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CALL_COACH_HOME: join(dir, "home"),
      CALL_COACH_KNOWLEDGE: "local",
    };
    for (const k of Object.keys(env)) if (/^(PREFECT_|ANTHROPIC_|OPENAI_)/.test(k)) delete env[k];
    const args = ["analyze", file, "--internal", internal.join(","), "--json"];
    const cold = await runCli(args, env);
    const warm: number[] = [];
    for (let i = 0; i < 7; i++) warm.push(await runCli(args, env));
    const cli = median(warm);
    const withDocs: BenchResult[] = [];
    if (existsSync(DOCS)) {
      await runCli(["docs", "sync", "--from-dir", DOCS, "--base-url", "https://docs.prefect.io"], env);
      const docsRuns: number[] = [];
      for (let i = 0; i < 5; i++) docsRuns.push(await runCli(args, env));
      withDocs.push({
        name: "CLI analyze --json, 60-min call, full Prefect docs synced (median of 5)",
        value: round(median(docsRuns)),
        unit: "ms",
        note: "informational: 956 docs pages in the local knowledge base",
      });
    }
    const moments = `${analysis.claims.length} claims, ${analysis.objections.length} objections, ${analysis.competitors.length} competitor mentions`;
    return [
      {
        name: "parse + analyze, 60-min call, in-process (median of 30)",
        value: round(inProcess),
        unit: "ms",
        target: "≤ 100 ms",
        pass: inProcess <= 100,
        note: `${words} words; ${moments}`,
      },
      {
        name: "CLI analyze --json end to end, 60-min call (median of 7)",
        value: round(cli),
        unit: "ms",
        target: "≤ 1000 ms",
        pass: cli <= 1000,
        note: "new process each run; local knowledge mode, pack indexed",
      },
      {
        name: "CLI first run (creates the knowledge base, indexes the pack)",
        value: round(cold),
        unit: "ms",
        note: "informational",
      },
      ...withDocs,
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
