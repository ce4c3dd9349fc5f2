/**
 * The sync, in process: the fake Gong on 127.0.0.1, a real service (call store, toy judge model)
 * in a temporary home. A few dozen calls; the 1,000-call figures are in bench/gong-sync.bench.ts.
 */
import assert from "node:assert/strict";
import { afterEach, beforeEach, describe, test } from "node:test";
import { loadConfig } from "../../src/config/env.js";
import { createHttpApp } from "../../src/interfaces/http/app.js";
import { renderHtml } from "../../src/report/html.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { CallCoachService } from "../../src/service/call-service.js";
import { GongClient } from "../../src/sources/gong/client.js";
import { loadGongConfig } from "../../src/sources/gong/config.js";
import { GongSyncBusyError, syncGong } from "../../src/sources/gong/sync.js";
import { GongState, leaseOwner } from "../../src/storage/gong-state.js";
import { childEnv, makeHome, removeHome } from "../service/support/home.js";
import { FakeGong, generateCalls } from "../support/fake-gong.js";

const SINCE = "2026-11-01";

describe("gong sync", () => {
  let home: string;
  let fake: FakeGong;
  let service: CallCoachService;
  const calls = generateCalls(12, { numericEvery: 4 });
  const client = () =>
    new GongClient({ ...loadGongConfig(fake.env()), ratePerSecond: 1000 }, { sleep: async () => {} });
  const count = (sql: string) => (service.store.db.prepare(sql).get() as { n: number }).n;

  beforeEach(async () => {
    home = await makeHome("cc-gong-");
    fake = new FakeGong({ pageSize: 5 });
    await fake.start();
    for (const g of calls) fake.add(structuredClone(g.call), structuredClone(g.transcript));
    service = await CallCoachService.open(
      loadConfig(childEnv(home, { CALL_COACH_COMPANY_DOMAIN: "prefect.io" })),
    );
  });
  afterEach(async () => {
    await service.close();
    await fake.close();
    removeHome(home);
  });

  test("stores every call once through ingest; a second run fetches nothing old", async () => {
    const first = await syncGong(service, client(), { since: SINCE });
    assert.equal(first.found, 12);
    assert.equal(first.new, 12);
    assert.equal(first.pages, 3);
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 12);
    assert.equal(count("SELECT COUNT(*) AS n FROM analyses"), 12);
    // Keyed like an upload of the same Gong export: gong:<call id>.
    const keys = service.store.db.prepare("SELECT call_key FROM calls").pluck().all() as string[];
    assert.ok(keys.every((k) => /^gong:\d+$/.test(k)));
    // Numeric and ISO `started` both end as the same ISO form; the mark is the last call's start.
    assert.equal(first.high_water_mark, "2026-11-02T20:30:00.000Z");

    const before = fake.requests.length;
    const second = await syncGong(service, client());
    const sent = fake.requests.slice(before);
    assert.equal(second.new + second.updated, 0);
    assert.equal(
      sent.filter((r) => r.path === "/v2/calls/transcript").length,
      0,
      "no transcript fetched again",
    );
    assert.deepEqual(
      sent.map((r) => (r.body!.filter as { fromDateTime: string }).fromDateTime),
      ["2026-11-02T20:30:00.000Z"],
    );
    assert.equal(count("SELECT COUNT(*) AS n FROM analyses"), 12);
  });

  test("sides from affiliation, invitees without speakerId left out, the Gong link in the report", async () => {
    await syncGong(service, client(), { since: SINCE });
    const id = service.store.db
      .prepare("SELECT id FROM calls ORDER BY started_at LIMIT 1")
      .pluck()
      .get() as string;
    const report = service.getReport(id)!.report;
    assert.equal(report.call.url, `https://app.gong.io/call?id=${calls[0]!.call.metaData.id}`);
    assert.deepEqual(
      report.call.participants.map((p) => [p.name, p.side]),
      [
        ["Rep 0 Avery", "internal"],
        ["Riley Chen 0", "external"],
      ],
    );
    assert.ok(report.claims.length > 0, "claims of the internal speaker are checked");
    assert.ok(renderMarkdown(report).includes(`Call recording: <${report.call.url}>`));
    assert.ok(renderHtml(report).includes(`<a href="${report.call.url}" rel="noopener noreferrer">`));
    assert.equal(new GongState(service.store.db).urlOfCall(id), report.call.url);
  });

  test("a call without a transcript is skipped, holds the mark, and is stored once Gong has it", async () => {
    const late = calls[4]!.call.metaData.id;
    fake.transcriptLater.add(late);
    const first = await syncGong(service, client(), { since: SINCE });
    assert.equal(first.new, 11);
    assert.equal(first.skipped_no_transcript, 1);
    const lateStarted = new Date(Date.parse("2026-11-02T15:00:00Z") + 4 * 30 * 60_000).toISOString();
    assert.equal(first.high_water_mark, lateStarted, "the mark stops at the pending call");

    const stillLate = await syncGong(service, client());
    assert.equal(stillLate.skipped_no_transcript, 1);
    assert.equal(stillLate.new, 0);

    fake.release(late);
    const third = await syncGong(service, client());
    assert.equal(third.new, 1);
    assert.equal(third.high_water_mark, "2026-11-02T20:30:00.000Z");
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 12);
    assert.deepEqual(new GongState(service.store.db).counts(), {
      stored: 12,
      pending: 0,
      failed: 0,
      rejected: 0,
    });
  });

  test("a changed transcript becomes a new analysis version of the same call", async () => {
    await syncGong(service, client(), { since: SINCE });
    const id = calls[2]!.call.metaData.id;
    fake.transcripts.get(id)!.push({
      speakerId: `${id}02`,
      topic: null,
      sentences: [
        { start: 90_000, end: 93_000, text: "One more thing: we also need SSO for the whole team." },
      ],
    });
    const resync = await syncGong(service, client(), { since: SINCE });
    assert.equal(resync.updated, 1);
    assert.equal(resync.skipped_unchanged, 11);
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 12);
    assert.equal(count("SELECT COUNT(*) AS n FROM analyses"), 13);
    const callId = new GongState(service.store.db).getCall(id)!.call_id!;
    assert.equal(service.getCall(callId)!.analyses.length, 2);
  });

  test("a run that dies midway resumes at its cursor and ends with every call exactly once", async () => {
    // Page 2 of the listing fails past every retry: the run stops after page 1.
    fake.fail("/v2/calls/extensive", { status: 200 }, { status: 500 }, { status: 500 });
    const failing = new GongClient(
      { ...loadGongConfig(fake.env()), ratePerSecond: 1000, maxAttempts: 2 },
      { sleep: async () => {} },
    );
    await assert.rejects(syncGong(service, failing, { since: SINCE }), /HTTP 500/);
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 5);
    const resume = new GongState(service.store.db).resumePoint();
    assert.ok(resume?.cursor, "the cursor of page 2 is saved");

    const before = fake.requests.length;
    const resumed = await syncGong(service, client());
    assert.equal(resumed.resumed, true);
    assert.equal(
      fake.requests[before]!.body?.cursor,
      resume.cursor,
      "the first request carries the saved cursor",
    );
    assert.equal(resumed.new, 7);
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 12);
    assert.equal(count("SELECT COUNT(*) AS n FROM analyses"), 12);
    assert.equal(new GongState(service.store.db).resumePoint(), null);
  });

  test("a saved cursor Gong no longer accepts restarts the window; nothing is stored twice", async () => {
    await syncGong(service, client(), { since: SINCE, until: "2026-11-02T17:00:00Z" });
    const stored = count("SELECT COUNT(*) AS n FROM calls");
    assert.equal(stored, 4);
    const state = new GongState(service.store.db);
    state.saveResumePoint({
      from: "2026-11-01T00:00:00.000Z",
      to: null,
      mode: "window",
      cursor: "expired-cursor",
    });
    const events: string[] = [];
    const run = await syncGong(service, client(), { onEvent: (e) => events.push(e.type) });
    assert.equal(run.resumed, true);
    assert.ok(events.includes("restart"));
    assert.equal(run.new, 8);
    assert.equal(run.skipped_unchanged, 4);
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 12);
    assert.equal(count("SELECT COUNT(*) AS n FROM analyses"), 12);
  });

  test("one sync at a time: a live holder's lease refuses a second run; a dead holder's is taken over", async () => {
    const state = new GongState(service.store.db);
    // The test runner's parent process is alive: its lease stands.
    assert.deepEqual(state.tryLock(leaseOwner(process.ppid), 60_000), { ok: true });
    await assert.rejects(syncGong(service, client(), { since: SINCE }), GongSyncBusyError);
    assert.equal(fake.requests.length, 0);
    // A pid that cannot exist: the lease of a killed run.
    state.unlock(leaseOwner(process.ppid));
    assert.deepEqual(state.tryLock(leaseOwner(2 ** 22 + 1), 60_000), { ok: true });
    const run = await syncGong(service, client(), { since: SINCE });
    assert.equal(run.new, 12);
    assert.equal(state.lockHolder(), null, "released at the end");
  });

  test("a server without a schedule still shows the last run (say, from cron)", async () => {
    const app = createHttpApp(service, { apiKey: null, allowedHosts: null, log: () => {} });
    const before = (await (await app.request("/api/gong/status")).json()) as { last_run: { started: null } };
    assert.equal(before.last_run.started, null);
    assert.equal(await (await app.request("/")).text().then((t) => /Gong sync:/.test(t)), false);
    await syncGong(service, client(), { since: SINCE });
    const status = (await (await app.request("/api/gong/status")).json()) as {
      scheduled: boolean;
      next_run: string | null;
      last_run: { status: string; summary: { new: number } };
      calls: { stored: number };
      high_water_mark: string;
    };
    assert.equal(status.scheduled, false);
    assert.equal(status.next_run, null);
    assert.equal(status.last_run.status, "ok");
    assert.equal(status.last_run.summary.new, 12);
    assert.equal(status.calls.stored, 12);
    assert.equal(status.high_water_mark, "2026-11-02T20:30:00.000Z");
    assert.match(await (await app.request("/")).text(), /Gong sync: last run .*: 12 new, 0 updated\./);
    assert.match(await (await app.request("/gong")).text(), /does not sync Gong on a schedule/);
  });

  test("--dry-run reads Gong but stores nothing and keeps the state", async () => {
    const dry = await syncGong(service, client(), { since: SINCE, dryRun: true });
    assert.equal(dry.new, 12);
    assert.equal(count("SELECT COUNT(*) AS n FROM calls"), 0);
    const state = new GongState(service.store.db);
    assert.equal(state.highWaterMark(), null);
    assert.equal(state.lastRun().started, null);
  });
});
