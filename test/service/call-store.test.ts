/** The call store through the service: real SQLite files, real analyses of fixture calls. */
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import Database from "better-sqlite3";
import { loadConfig } from "../../src/config/env.js";
import { InputError } from "../../src/errors.js";
import { openKnowledgeBase } from "../../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../../src/knowledge/local/sync-dir.js";
import { reportSchema } from "../../src/model/report.js";
import { CallCoachService } from "../../src/service/call-service.js";
import { callStorePath } from "../../src/storage/call-store.js";
import { nameKey } from "../../src/storage/reps.js";
import { callJson, callText, DANA, MORGAN, RILEY, SAM } from "./support/calls.js";
import { childEnv, makeHome, removeHome } from "./support/home.js";

describe("call store", () => {
  let home: string;
  let service: CallCoachService;
  before(async () => {
    home = await makeHome();
    service = await CallCoachService.open(loadConfig(childEnv(home)));
  });
  after(async () => {
    await service.close();
    removeHome(home);
  });

  const count = (table: string) =>
    (service.store.db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;

  test("stores a call with participants, a rep, an analysis and a report that matches the contract", async () => {
    const r = await service.ingest({
      transcript: callJson({
        id: "nw-1",
        title: "Northwind | Discovery",
        startedAt: "2026-03-02T15:00:00Z",
        rep: DANA,
        customer: RILEY,
      }),
      fileName: "nw-1.json",
    });
    assert.equal(r.cached, false);
    const detail = service.getCall(r.callId)!;
    assert.equal(detail.title, "Northwind | Discovery");
    assert.equal(detail.started_at, "2026-03-02T15:00:00Z");
    assert.deepEqual(
      detail.participants.map((p) => [p.name, p.side, p.rep_id !== null]),
      [
        ["Dana Reyes", "internal", true],
        ["Riley Chen", "external", false],
      ],
    );
    assert.ok(detail.participants[0]!.talk_s > 0);
    const stored = service.getReport(r.callId)!;
    assert.ok(reportSchema.safeParse(stored.report).success);
    assert.deepEqual(
      stored.report.claims.map((c) => c.verdict),
      ["supported", "contradicted", "contradicted"],
    );
    assert.equal(stored.analysis.knowledge_mode, "local");
    assert.match(stored.analysis.knowledge_version, /^local:[0-9a-f]{16}$/);
    assert.match(stored.analysis.analyzer_version, /^\d+\.\d+\.\d+\+[0-9a-f]{12}$/);
    assert.equal(stored.analysis.transcript_hash.length, 64);
  });

  test("the database is in WAL mode with its migration recorded", () => {
    const db = new Database(callStorePath(home), { readonly: true });
    try {
      assert.equal(db.pragma("journal_mode", { simple: true }), "wal");
      const row = db
        .prepare("SELECT MAX(version) AS v FROM schema_migrations WHERE migration_set = 'calls'")
        .get() as {
        v: number;
      };
      assert.equal(row.v, 2);
    } finally {
      db.close();
    }
  });

  test("re-analyzing an unchanged call with unchanged knowledge is a cache hit", async () => {
    const text = callText({
      id: "x",
      title: "x",
      startedAt: "",
      rep: SAM,
      customer: MORGAN,
      marker: "cache",
    });
    const first = await service.ingest({ transcript: text, fileName: "cache.txt", internal: ["Sam Ortiz"] });
    const analyses = count("analyses");
    const second = await service.ingest({ transcript: text, fileName: "cache.txt", internal: ["Sam Ortiz"] });
    assert.equal(second.cached, true);
    assert.equal(second.callId, first.callId);
    assert.equal(second.analysis.id, first.analysis.id);
    assert.equal(count("analyses"), analyses);
    assert.deepEqual(second.report, first.report);
    // Different side hints change the analysis, so they are not a cache hit.
    const other = await service.ingest({ transcript: text, fileName: "cache.txt", internal: [] });
    assert.equal(other.cached, false);
    assert.equal(count("analyses"), analyses + 1);
  });

  test("changed knowledge (a docs page added) means a new analysis, kept beside the old one", async () => {
    const transcript = callJson({
      id: "kv-1",
      title: "Knowledge version",
      startedAt: "2026-03-03T10:00:00Z",
      rep: DANA,
      customer: RILEY,
    });
    const before = await service.ingest({ transcript, fileName: "kv.json" });
    const versionBefore = service.knowledgeVersion();

    const extraDocs = join(home, "extra-docs", "v3", "concepts");
    mkdirSync(extraDocs, { recursive: true });
    writeFileSync(
      join(extraDocs, "caching.mdx"),
      "# Caching\n\nTask caching skips a task when its inputs have not changed.\n",
    );
    const kb = openKnowledgeBase(home);
    try {
      await syncFromDirectory(kb, { dir: join(home, "extra-docs"), baseUrl: "https://docs.example.test" });
    } finally {
      kb.close();
    }
    assert.notEqual(service.knowledgeVersion(), versionBefore);

    const afterSync = await service.ingest({ transcript, fileName: "kv.json" });
    assert.equal(afterSync.cached, false);
    assert.equal(afterSync.callId, before.callId);
    const detail = service.getCall(before.callId)!;
    assert.equal(detail.analyses.length, 2);
    assert.equal(detail.analysis!.id, afterSync.analysis.id);
  });

  test("a JSON call keeps its identity by id when its transcript changes", async () => {
    const v1 = callJson({
      id: "same-id",
      title: "Same call",
      startedAt: "2026-03-04T10:00:00Z",
      rep: DANA,
      customer: RILEY,
    });
    const v2 = callJson({
      id: "same-id",
      title: "Same call",
      startedAt: "2026-03-04T10:00:00Z",
      rep: DANA,
      customer: RILEY,
      marker: "v2",
    });
    const a = await service.ingest({ transcript: v1, fileName: "export-1.json" });
    const b = await service.ingest({ transcript: v2, fileName: "export-2.json" });
    assert.equal(b.callId, a.callId);
    assert.equal(b.cached, false);
    assert.notEqual(b.analysis.transcript_hash, a.analysis.transcript_hash);
    assert.equal(service.getCall(a.callId)!.file_name, "export-2.json");
  });

  test("reps are one identity across calls: by email, and a name-only rep gains the email later", async () => {
    const alex = { name: "Alex  Kim", email: null };
    await service.ingest({
      transcript: callJson({
        id: "rep-1",
        title: "r1",
        startedAt: "2026-03-05T10:00:00Z",
        rep: alex,
        customer: RILEY,
      }),
      fileName: null,
    });
    await service.ingest({
      transcript: callJson({
        id: "rep-2",
        title: "r2",
        startedAt: "2026-03-06T10:00:00Z",
        rep: { name: "Alex Kim", email: "Alex.Kim@Example-Vendor.test" },
        customer: RILEY,
      }),
      fileName: null,
    });
    await service.ingest({
      transcript: callJson({
        id: "rep-3",
        title: "r3",
        startedAt: "2026-03-07T10:00:00Z",
        rep: { name: "Alexander Kim", email: "alex.kim@example-vendor.test" },
        customer: RILEY,
      }),
      fileName: null,
    });
    const reps = service.store.findReps("alex.kim@example-vendor.test");
    assert.equal(reps.length, 1);
    assert.equal(reps[0]!.name, "Alexander Kim");
    const calls = service.listCalls({ rep: "ALEX.KIM@example-vendor.test" });
    assert.equal(calls.total, 3);
    assert.equal(nameKey("Dána  Reyes"), "dana reyes");
  });

  test("bad input is refused with the file named, and nothing is stored", async () => {
    const before = count("calls");
    await assert.rejects(
      service.ingest({ transcript: "{ not json", fileName: "broken.json" }),
      (err: unknown) => err instanceof InputError && /broken\.json/.test(err.message),
    );
    await assert.rejects(service.ingest({ transcript: "", fileName: "empty.txt" }), InputError);
    assert.equal(count("calls"), before);
  });

  test("search finds calls by transcript words and by participant name", async () => {
    assert.ok(service.listCalls({ q: "backfill" }).total >= 1);
    assert.ok(service.listCalls({ q: "Riley" }).total >= 1);
    assert.equal(service.listCalls({ q: "zebracorn" }).total, 0);
  });
});
