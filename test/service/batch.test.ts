/** `call-coach analyze DIR|GLOB --store` as a real process over real files. */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { reportSchema } from "../../src/model/report.js";
import { callStorePath } from "../../src/storage/call-store.js";
import { callJson, callText, DANA, MORGAN, RILEY, SAM } from "./support/calls.js";
import { makeHome, removeHome, runCli } from "./support/home.js";

describe("batch analysis", () => {
  let home: string;
  let dir: string;
  before(async () => {
    home = await makeHome();
    dir = join(home, "calls");
    mkdirSync(join(dir, "week-2"), { recursive: true });
    writeFileSync(
      join(dir, "a.json"),
      callJson({ id: "a", title: "Call A", startedAt: "2026-03-02T15:00:00Z", rep: DANA, customer: RILEY }),
    );
    writeFileSync(
      join(dir, "b.txt"),
      callText({ id: "b", title: "b", startedAt: "", rep: SAM, customer: MORGAN }),
    );
    writeFileSync(
      join(dir, "week-2", "c.json"),
      callJson({
        id: "c",
        title: "Call C",
        startedAt: "2026-03-09T15:00:00Z",
        rep: SAM,
        customer: RILEY,
        clean: true,
      }),
    );
    writeFileSync(join(dir, "week-2", "broken.json"), '{"participants": [}');
    writeFileSync(join(dir, "notes.md"), "# not a transcript, not picked up by the directory scan\n");
  });
  after(() => removeHome(home));

  const storedCalls = () => {
    const db = new Database(callStorePath(home), { readonly: true });
    try {
      return (db.prepare("SELECT COUNT(*) AS n FROM calls").get() as { n: number }).n;
    } finally {
      db.close();
    }
  };

  test("single-file analyze without --store keeps its contract: one report on stdout, nothing stored", () => {
    const r = runCli(["analyze", join(dir, "a.json"), "--json"], home);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(reportSchema.safeParse(JSON.parse(r.stdout)).success);
    assert.equal(existsSync(callStorePath(home)), false);
  });

  test("a directory: every transcript analyzed and stored, the bad file reported at the end, exit 1", () => {
    const r = runCli(["analyze", dir, "--store", "--internal", "Sam Ortiz", "--concurrency", "2"], home);
    assert.equal(r.status, 1);
    assert.match(r.stdout, /^status\s+call\s+claims\s+wrong\s+objections\s+competitors\s+file/m);
    // The objections column is the report's count (which sentences are objections is the
    // classifier's business, tested in test/analyze).
    const single = JSON.parse(runCli(["analyze", join(dir, "a.json"), "--json"], home).stdout);
    assert.ok(single.objections.length >= 3, `${single.objections.length} objections`);
    const row = new RegExp(
      `^analyzed\\s+[0-9a-f]{12}\\s+3\\s+2\\s+${single.objections.length}\\s+2\\s+.*a\\.json$`,
      "m",
    );
    assert.match(r.stdout, row);
    assert.match(r.stdout, /^failed\s+-.*broken\.json$/m);
    assert.match(r.stdout, /4 files in [\d.]+ s: 3 analyzed, 0 skipped .*, 1 failed\./);
    assert.match(r.stderr, /call-coach: .*broken\.json.*JSON/);
    assert.equal(storedCalls(), 3);
  });

  test("a rerun is resumable: analyzed calls are skipped, the failure is reported again", () => {
    const r = runCli(["analyze", dir, "--store", "--internal", "Sam Ortiz", "--json"], home);
    assert.equal(r.status, 1);
    const summary = JSON.parse(r.stdout);
    assert.deepEqual([summary.total, summary.analyzed, summary.cached, summary.failed], [4, 0, 3, 1]);
    assert.equal(storedCalls(), 3);
  });

  test("a glob selects files; all good means exit 0", () => {
    const r = runCli(["analyze", "calls/**/*.json", "--store", "--json"], home, { cwd: home });
    const summary = JSON.parse(r.stdout);
    assert.equal(summary.total, 3);
    assert.equal(summary.failed, 1);
    const good = runCli(["analyze", "calls/*.json", "--store"], home, { cwd: home });
    assert.equal(good.status, 0, good.stderr);
    assert.match(good.stdout, /1 files in .* 0 analyzed, 1 skipped/);
  });

  test("bad usage exits 2 with one line naming the option or the path", () => {
    const noMatch = runCli(["analyze", "nothing-here/*.vtt", "--store"], home, { cwd: home });
    assert.equal(noMatch.status, 2);
    assert.match(noMatch.stderr, /no transcript files match nothing-here\/\*\.vtt/);
    const badConcurrency = runCli(["analyze", dir, "--store", "--concurrency", "0"], home);
    assert.equal(badConcurrency.status, 2);
    assert.match(badConcurrency.stderr, /--concurrency must be an integer/);
    const withOut = runCli(["analyze", dir, "--store", "--out", "x.md"], home);
    assert.equal(withOut.status, 2);
    assert.match(withOut.stderr, /--out works with one file/);
    const noStore = runCli(["analyze", dir], home);
    assert.equal(noStore.status, 2);
    assert.match(noStore.stderr, /is a directory; to analyze every transcript in it, .*add --store/);
    const missing = runCli(["analyze", join(home, "missing-dir"), "--store"], home);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /missing-dir: no such file or directory/);
  });
});
