/**
 * Crash safety: a batch killed with SIGKILL mid-run leaves an intact database whose every stored
 * report parses, and rerunning the same batch resumes: finished calls are skipped, the rest done.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import Database from "better-sqlite3";
import { longCallTranscript } from "../../bench/support/long-call.js";
import { reportSchema } from "../../src/model/report.js";
import { callStorePath } from "../../src/storage/call-store.js";
import { CLI, childEnv, makeHome, ROOT, removeHome, runCli } from "./support/home.js";

const CALLS = 16;
let home: string;
let dir: string;
let internal: string;

before(async () => {
  home = await makeHome("cc-crash-");
  dir = join(home, "calls");
  mkdirSync(dir);
  const { text, internal: reps } = longCallTranscript(10);
  internal = reps.join(",");
  for (let i = 0; i < CALLS; i++) {
    writeFileSync(
      join(dir, `call-${String(i).padStart(3, "0")}.txt`),
      `${text}[00:11:00] Riley Chen: Thanks, that was call number ${i}.\n`,
    );
  }
});
after(() => removeHome(home));

function analysesCount(): number {
  try {
    const db = new Database(callStorePath(home), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM analyses").get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or the schema is still being migrated
  }
}

test("SIGKILL during a batch corrupts nothing, and the rerun resumes", async () => {
  const child = spawn(
    process.execPath,
    [CLI, "analyze", dir, "--store", "--internal", internal, "--concurrency", "2"],
    {
      cwd: ROOT,
      env: childEnv(home),
      stdio: "ignore",
    },
  );
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  let seen = 0;
  const deadline = Date.now() + 60_000;
  while (seen < 3 && Date.now() < deadline && child.exitCode === null) {
    await sleep(5);
    seen = analysesCount();
  }
  child.kill("SIGKILL");
  assert.equal(await exited, "SIGKILL");
  const stored = analysesCount();
  assert.ok(stored >= 3, `the batch stored ${stored} calls before the kill`);
  assert.ok(stored < CALLS, `the kill must land mid-batch (stored ${stored} of ${CALLS})`);

  const db = new Database(callStorePath(home));
  try {
    assert.equal(db.pragma("integrity_check", { simple: true }), "ok");
    assert.equal((db.pragma("foreign_key_check") as unknown[]).length, 0);
    const reports = db.prepare("SELECT report_json FROM reports").all() as { report_json: string }[];
    assert.equal(reports.length, stored);
    for (const r of reports) assert.ok(reportSchema.safeParse(JSON.parse(r.report_json)).success);
    const orphans = db.prepare("SELECT COUNT(*) AS n FROM calls WHERE current_analysis_id IS NULL").get() as {
      n: number;
    };
    assert.equal(orphans.n, 0, "every stored call has its analysis (one transaction per call)");
  } finally {
    db.close();
  }

  const rerun = runCli(["analyze", dir, "--store", "--internal", internal, "--json"], home);
  assert.equal(rerun.status, 0, rerun.stderr);
  const summary = JSON.parse(rerun.stdout);
  assert.equal(summary.total, CALLS);
  assert.equal(summary.cached, stored);
  assert.equal(summary.analyzed, CALLS - stored);
  assert.equal(analysesCount(), CALLS);
});
