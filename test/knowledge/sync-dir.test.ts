import assert from "node:assert/strict";
import { cpSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { InputError } from "../../src/errors.js";
import { KnowledgeBase } from "../../src/knowledge/local/knowledge-base.js";
import { syncFromDirectory } from "../../src/knowledge/local/sync-dir.js";
import { MAX_PAGE_BYTES } from "../../src/knowledge/local/sync-types.js";
import { runCli, tempDir } from "../support/cli.js";

const FIXTURE = join(process.cwd(), "test", "fixtures", "docs-mini");
const BASE = "https://docs.example.com";

function freshTree(): string {
  const dir = join(tempDir(), "docs");
  cpSync(FIXTURE, dir, { recursive: true });
  return dir;
}

function pageRow(kb: KnowledgeBase, url: string) {
  return kb.db.prepare("SELECT title, path, synced_at, content_hash FROM pages WHERE url = ?").get(url) as
    | { title: string; path: string; synced_at: string; content_hash: string }
    | undefined;
}

test("a directory maps files to public URLs, skips snippets and indexes navigation groups", async () => {
  const kb = new KnowledgeBase(":memory:");
  const summary = await syncFromDirectory(kb, { dir: FIXTURE, baseUrl: `${BASE}/` });
  assert.equal(summary.added, 5);
  assert.deepEqual(summary.skipped, []);
  const urls = (kb.db.prepare("SELECT url FROM pages ORDER BY url").all() as { url: string }[]).map(
    (r) => r.url,
  );
  assert.deepEqual(urls, [
    BASE,
    `${BASE}/v3/concepts/variables`,
    `${BASE}/v3/concepts/work-pools`,
    `${BASE}/v3/concepts/workers`,
    `${BASE}/v3/how-to-guides/deployment_infra/kubernetes`,
  ]);
  assert.equal(pageRow(kb, `${BASE}/v3/concepts/work-pools`)?.title, "Work pools");
  // The docs.json group ("Execution") is searchable with the page although no page text says it.
  const execution = [...new Set(kb.search("execution", { topK: 4 }).map((h) => h.url))].sort();
  assert.deepEqual(execution, [`${BASE}/v3/concepts/work-pools`, `${BASE}/v3/concepts/workers`]);
  // MDX import lines are not indexed; <Note> text is.
  const chunks = kb.db.prepare("SELECT content FROM chunks").all() as { content: string }[];
  assert.ok(chunks.every((c) => !c.content.includes("import {")));
  assert.ok(chunks.some((c) => c.content.includes("Push work pools submit runs")));
  kb.close();
});

test("re-syncing skips unchanged pages, updates changed ones and deletes removed ones", async () => {
  const dir = freshTree();
  const kb = new KnowledgeBase(join(tempDir(), "kb.db"));
  await syncFromDirectory(kb, { dir, baseUrl: BASE });
  const before = pageRow(kb, `${BASE}/v3/concepts/workers`)!;

  const again = await syncFromDirectory(kb, { dir, baseUrl: BASE });
  assert.deepEqual([again.added, again.updated, again.unchanged, again.removed], [0, 0, 5, 0]);
  assert.equal(again.chunks, 0);

  writeFileSync(
    join(dir, "v3/concepts/workers.mdx"),
    "---\ntitle: Workers\n---\n\nWorkers poll work pools for flow runs.\n",
  );
  rmSync(join(dir, "v3/concepts/variables.mdx"));
  const third = await syncFromDirectory(kb, { dir, baseUrl: BASE });
  assert.deepEqual([third.added, third.updated, third.unchanged, third.removed], [0, 1, 3, 1]);
  assert.equal(pageRow(kb, `${BASE}/v3/concepts/variables`), undefined);
  assert.notEqual(pageRow(kb, `${BASE}/v3/concepts/workers`)!.content_hash, before.content_hash);
  assert.equal(
    kb.search("variables encrypted", { topK: 5 }).filter((h) => h.url.includes("variables")).length,
    0,
  );
  // Chunks of deleted pages leave the full-text index too.
  const orphans = kb.db
    .prepare("SELECT COUNT(*) AS n FROM chunks_fts WHERE rowid NOT IN (SELECT id FROM chunks)")
    .get() as { n: number };
  assert.equal(orphans.n, 0);
  kb.close();
});

test("bad pages are skipped and counted: invalid UTF-8, too large, unreadable", async () => {
  const dir = freshTree();
  writeFileSync(join(dir, "v3/concepts/latin1.md"), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0xff, 0x0a]));
  writeFileSync(join(dir, "v3/concepts/huge.md"), `# Huge\n\n${"word ".repeat(MAX_PAGE_BYTES / 4)}`);
  symlinkSync(join(dir, "does-not-exist.md"), join(dir, "v3/concepts/dangling.md"));
  const kb = new KnowledgeBase(":memory:");
  const summary = await syncFromDirectory(kb, { dir, baseUrl: BASE });
  const reasons = Object.fromEntries(summary.skipped.map((s) => [s.page, s.reason]));
  assert.equal(reasons["v3/concepts/latin1.md"], "not valid UTF-8");
  assert.match(reasons["v3/concepts/huge.md"] ?? "", /larger than 2 MB/);
  assert.match(reasons["v3/concepts/dangling.md"] ?? "", /unreadable \(ENOENT\)/);
  assert.equal(summary.added, 5);
  kb.close();
});

test("a directory without Markdown, or no directory at all, is a clear input error that writes nothing", async () => {
  const empty = tempDir();
  writeFileSync(join(empty, "notes.txt"), "not markdown");
  const kb = new KnowledgeBase(":memory:");
  await assert.rejects(syncFromDirectory(kb, { dir: empty, baseUrl: BASE }), (err: unknown) => {
    assert.ok(err instanceof InputError);
    assert.match(err.message, /no Markdown/);
    return true;
  });
  await assert.rejects(
    syncFromDirectory(kb, { dir: join(empty, "missing"), baseUrl: BASE }),
    /not a directory/,
  );
  await assert.rejects(syncFromDirectory(kb, { dir: FIXTURE, baseUrl: "docs.example.com" }), /--base-url/);
  assert.equal((kb.db.prepare("SELECT COUNT(*) AS n FROM pages").get() as { n: number }).n, 0);
  kb.close();
});

test("CLI: docs sync prints a summary, docs status reports pages and sources, bad input exits 2", () => {
  const home = tempDir();
  const sync = runCli(["docs", "sync", "--from-dir", FIXTURE, "--base-url", BASE], { CALL_COACH_HOME: home });
  assert.equal(sync.status, 0, sync.stderr);
  assert.match(sync.stdout, /5 added, 0 updated, 0 unchanged, 0 removed, 0 skipped, 0 failed/);
  // Not a terminal: plain progress lines on stderr, no bar control codes.
  assert.match(sync.stderr, /docs sync: 5\/5/);
  assert.ok(!sync.stderr.includes("\u001b["), "no terminal control codes");

  const status = runCli(["docs", "status", "--json"], { CALL_COACH_HOME: home });
  assert.equal(status.status, 0, status.stderr);
  const s = JSON.parse(status.stdout);
  const docs = s.sources.find((x: { source: string }) => x.source === "docs");
  assert.equal(docs.pages, 5);
  assert.ok(s.sources.some((x: { source: string; pages: number }) => x.source === "pack" && x.pages > 50));
  assert.equal(s.staleDays, 0);
  const text = runCli(["docs", "status"], { CALL_COACH_HOME: home });
  assert.match(text.stdout, /Docs staleness: 0 days/);

  const bad = runCli(["docs", "sync", "--from-dir", join(home, "nowhere"), "--base-url", BASE], {
    CALL_COACH_HOME: home,
  });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^call-coach: .*nowhere.*not a directory/);
  const both = runCli(["docs", "sync", "--from-dir", FIXTURE, "--from-url", "http://127.0.0.1:9/llms.txt"], {
    CALL_COACH_HOME: home,
  });
  assert.equal(both.status, 2);
  assert.match(both.stderr, /exactly one of --from-dir/);
});
