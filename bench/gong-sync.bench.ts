/**
 * The Gong connector end to end, with real processes against the fake Gong
 * (test/support/fake-gong.ts) on 127.0.0.1, default client limit 3 requests/s:
 * - a sync of 1,000 calls (10 pages of 100) stores and analyzes every call exactly once;
 * - a second run fetches nothing old (no transcript requested again, no analysis);
 * - a re-sync of the whole window (--since: every transcript fetched and compared, none changed)
 *   sends its 20 requests back to back, so there the limiter alone sets the pace;
 * - a run killed with SIGKILL midway resumes at its saved cursor and ends with exactly 1,000
 *   calls and 1,000 analyses;
 * - the request rate the fake saw (arrival times) never exceeds the limit in any 1 s window,
 *   across the killed run and its resume too.
 * Knowledge: ../shared/prefect-docs when present (as in real use), else the test fixture docs;
 * the bundled judge model.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { openKnowledgeBase } from "../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../src/knowledge/local/sync-dir.js";
import { ensurePackIndexed } from "../src/knowledge/pack/pack-index.js";
import { callStorePath } from "../src/storage/call-store.js";
import { FakeGong, generateCalls } from "../test/support/fake-gong.js";
import type { BenchResult } from "./run.js";
import { CLI, FIXTURE_DOCS, ROOT, SHARED_DOCS } from "./support/serve.js";

const CALLS = 1000;
const RATE = 3;
const SINCE = "2026-11-01";

export async function run(): Promise<BenchResult[]> {
  const docs = existsSync(SHARED_DOCS) ? SHARED_DOCS : FIXTURE_DOCS;
  const docsNote = docs === SHARED_DOCS ? "KB: ../shared/prefect-docs" : "KB: test fixture docs";
  const generated = generateCalls(CALLS, { numericEvery: 5, spacingMinutes: 20 });
  const results: BenchResult[] = [];

  // 1. Full sync, then a second run.
  {
    const fake = await startFake(generated);
    const home = await makeBenchHome(docs);
    try {
      const t0 = performance.now();
      const first = await cli(home, fake, ["sync", "--since", SINCE, "--json"]);
      const ms = performance.now() - t0;
      const s1 = JSON.parse(first.stdout) as Summary;
      const stored = counts(home);
      results.push({
        name: `sync ${CALLS} calls (10 pages of 100), whole process`,
        value: Math.round(ms),
        unit: "ms",
        pass: first.code === 0 && s1.new === CALLS && stored.calls === CALLS && stored.analyses === CALLS,
        target: `all ${CALLS} stored and analyzed once`,
        note: `${stored.calls} calls, ${stored.analyses} analyses stored; ${s1.requests.total} requests (${fake.count("/v2/calls/extensive")} extensive, ${fake.count("/v2/calls/transcript")} transcript); ${docsNote}`,
      });
      results.push({
        name: "sync throughput",
        value: Number(((CALLS / ms) * 1000).toFixed(1)),
        unit: "calls/s",
        note: "fetch + parse + analyze + store, one process, bundled judge model",
      });
      const before = fake.requests.length;
      const second = await cli(home, fake, ["sync", "--json"]);
      const s2 = JSON.parse(second.stdout) as Summary;
      const sent = fake.requests.slice(before);
      const after = counts(home);
      const transcriptRequests = sent.filter((r) => r.path === "/v2/calls/transcript").length;
      results.push({
        name: "second run: requests",
        value: sent.length,
        unit: "requests",
        target: "nothing old fetched",
        pass:
          second.code === 0 &&
          transcriptRequests === 0 &&
          s2.new + s2.updated === 0 &&
          after.analyses === CALLS,
        note: `${s2.found} call listed (the one at the high-water mark, recognised by id), ${transcriptRequests} transcript requests, ${s2.new + s2.updated} analyzed; ${after.analyses} analyses in the store`,
      });
      const beforeResync = fake.requests.length;
      const t1 = performance.now();
      const resync = await cli(home, fake, ["sync", "--since", SINCE, "--json"]);
      const resyncMs = performance.now() - t1;
      const s3 = JSON.parse(resync.stdout) as Summary;
      const resent = fake.requests.slice(beforeResync);
      const window = resent.length ? resent.at(-1)!.at - resent[0]!.at : 0;
      results.push({
        name: "re-sync of all 1000 (--since), nothing changed: whole process",
        value: Math.round(resyncMs),
        unit: "ms",
        target: "0 analyzed",
        pass: resync.code === 0 && s3.skipped_unchanged === CALLS && counts(home).analyses === CALLS,
        note: `${resent.length} requests back to back, first to last ${Math.round(window)} ms (the limiter's pace at ${RATE}/s); ${s3.skipped_unchanged} unchanged`,
      });
      results.push(rateResult("request rate, full sync + second run + re-sync", fake));
    } finally {
      await fake.close();
      rmSync(home, { recursive: true, force: true });
    }
  }

  // 2. A run killed midway (SIGKILL), then the same command again.
  {
    const fake = await startFake(generated);
    const home = await makeBenchHome(docs);
    try {
      const killedAt = await cliKilledAt(home, fake, ["sync", "--since", SINCE], CALLS / 2);
      const atKill = counts(home);
      const before = fake.requests.length;
      const t0 = performance.now();
      const resumed = await cli(home, fake, ["sync", "--since", SINCE, "--json"]);
      const ms = performance.now() - t0;
      const s = JSON.parse(resumed.stdout) as Summary;
      const end = counts(home);
      const sent = fake.requests.slice(before);
      const firstCursor = typeof sent[0]?.body?.cursor === "string";
      results.push({
        name: "killed midway (SIGKILL), then resumed: calls stored",
        value: end.calls,
        unit: "calls",
        target: `exactly ${CALLS}, each analyzed once`,
        pass: resumed.code === 0 && s.resumed && firstCursor && end.calls === CALLS && end.analyses === CALLS,
        note: `killed after ${killedAt} calls reported (${atKill.calls} stored); resume started at the saved cursor (${firstCursor ? "yes" : "no"}), ${s.new} new + ${s.skipped_unchanged} already stored in the page read again, ${sent.length} requests, ${Math.round(ms)} ms; ${end.analyses} analyses in the store`,
      });
      results.push(rateResult("request rate, killed run + resume", fake));
    } finally {
      await fake.close();
      rmSync(home, { recursive: true, force: true });
    }
  }
  return results;
}

interface Summary {
  found: number;
  new: number;
  updated: number;
  skipped_unchanged: number;
  resumed: boolean;
  requests: { total: number };
}

async function startFake(generated: ReturnType<typeof generateCalls>): Promise<FakeGong> {
  const fake = new FakeGong({ pageSize: 100 });
  await fake.start();
  for (const g of generated) fake.add(g.call, g.transcript);
  return fake;
}

function rateResult(name: string, fake: FakeGong): BenchResult {
  const max = fake.maxInWindow(1000);
  return {
    name,
    value: max,
    unit: "requests in the busiest 1 s window",
    target: `≤ ${RATE}`,
    pass: max <= RATE,
    note: `${fake.requests.length} requests arrived in all`,
  };
}

async function makeBenchHome(docs: string): Promise<string> {
  const home = mkdtempSync(join(tmpdir(), "cc-bench-gong-"));
  const kb = openKnowledgeBase(home);
  try {
    await ensurePackIndexed(kb);
    await syncFromDirectory(kb, { dir: docs, baseUrl: "https://docs.prefect.io" });
  } finally {
    kb.close();
  }
  return home;
}

function counts(home: string): { calls: number; analyses: number } {
  const db = new Database(callStorePath(home), { readonly: true });
  try {
    return db
      .prepare("SELECT (SELECT COUNT(*) FROM calls) AS calls, (SELECT COUNT(*) FROM analyses) AS analyses")
      .get() as {
      calls: number;
      analyses: number;
    };
  } finally {
    db.close();
  }
}

function env(home: string, fake: FakeGong): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env))
    if (!/^(CALL_COACH_|PREFECT_|ANTHROPIC_|OPENAI_|GONG_)/.test(k)) base[k] = v;
  return {
    ...base,
    ...fake.env({ GONG_RATE_LIMIT: String(RATE) }),
    CALL_COACH_HOME: home,
    CALL_COACH_KNOWLEDGE: "local",
    CALL_COACH_COMPANY_DOMAIN: "prefect.io",
  };
}

function spawnCli(home: string, fake: FakeGong, args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, "gong", ...args], {
    cwd: ROOT,
    env: env(home, fake),
    stdio: ["ignore", "pipe", "pipe"],
  });
}

function cli(home: string, fake: FakeGong, args: string[]): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnCli(home, fake, args);
    let stdout = "";
    let stderr = "";
    child.stdout!.setEncoding("utf8").on("data", (d: string) => {
      stdout += d;
    });
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) process.stderr.write(stderr);
      resolvePromise({ code, stdout });
    });
  });
}

/** Runs the sync and SIGKILLs it once its progress reports `after` calls handled. */
function cliKilledAt(home: string, fake: FakeGong, args: string[], after: number): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const child = spawnCli(home, fake, args);
    let stderr = "";
    let killedAt = 0;
    child.stdout!.resume();
    child.stderr!.setEncoding("utf8").on("data", (d: string) => {
      stderr += d;
      const done = [...stderr.matchAll(/gong sync: (\d+)\/\d+/g)].map((m) => Number(m[1]));
      const last = done.at(-1) ?? 0;
      if (!killedAt && last >= after) {
        killedAt = last;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("close", () =>
      killedAt
        ? resolvePromise(killedAt)
        : reject(new Error(`the sync finished before it could be killed\n${stderr}`)),
    );
  });
}
