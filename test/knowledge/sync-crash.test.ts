/**
 * A sync killed mid-way (SIGKILL: no cleanup code runs) must leave the previous knowledge base
 * usable: every page old or new, never half-written, the database intact and searchable.
 */
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { KnowledgeBase, knowledgeBasePath } from "../../src/knowledge/local/knowledge-base.js";
import { CLI, runCli, tempDir } from "../support/cli.js";

const PAGES = 2500;
const BASE = "https://docs.example.com";

function writeTree(dir: string, version: string): void {
  for (let i = 0; i < PAGES; i++) {
    const folder = join(dir, `section-${i % 25}`);
    mkdirSync(folder, { recursive: true });
    const body = Array.from(
      { length: 12 },
      (_, p) =>
        `Paragraph ${p} of page ${i} (${version}) describes work pools, workers, deployments and retries in enough words to make a realistic chunk of documentation text.`,
    ).join("\n\n");
    writeFileSync(
      join(folder, `page-${i}.md`),
      `---\ntitle: Page ${i}\n---\n\n## Release ${version}\n\n${body}\n`,
    );
  }
}

test("killing a sync mid-way leaves every page whole and the knowledge base searchable", async () => {
  const home = tempDir();
  const dir = join(tempDir(), "docs");
  writeTree(dir, "alpha");
  const first = runCli(["docs", "sync", "--from-dir", dir, "--base-url", BASE], { CALL_COACH_HOME: home });
  assert.equal(first.status, 0, first.stderr);

  writeTree(dir, "beta");
  const child = spawn(process.execPath, [CLI, "docs", "sync", "--from-dir", dir, "--base-url", BASE], {
    env: { PATH: process.env.PATH ?? "", CALL_COACH_HOME: home },
  });
  let killedAt = -1;
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
    const m = /docs sync: (\d+)\//.exec(chunk);
    // Pages are written in batches of 100 as they are read; by 20% some batches are committed.
    if (m && Number(m[1]) >= PAGES * 0.2 && killedAt < 0) {
      killedAt = Number(m[1]);
      child.kill("SIGKILL");
    }
  });
  const signal = await new Promise<NodeJS.Signals | null>((resolve) =>
    child.on("close", (_code, sig) => resolve(sig)),
  );
  assert.equal(signal, "SIGKILL", "the sync finished before it could be killed; the test proves nothing");

  const kb = new KnowledgeBase(knowledgeBasePath(home));
  try {
    assert.equal(
      (kb.db.pragma("integrity_check") as { integrity_check: string }[])[0]?.integrity_check,
      "ok",
    );
    const pages = kb.db.prepare("SELECT COUNT(*) AS n FROM pages WHERE source = 'docs'").get() as {
      n: number;
    };
    assert.equal(pages.n, PAGES, "no page was lost");
    const empty = kb.db
      .prepare(
        "SELECT COUNT(*) AS n FROM pages p WHERE NOT EXISTS (SELECT 1 FROM chunks c WHERE c.page_id = p.id)",
      )
      .get() as { n: number };
    assert.equal(empty.n, 0, "no page without its chunks");
    const versions = kb.db
      .prepare(
        "SELECT SUM(content LIKE '%(alpha)%') AS alpha, SUM(content LIKE '%(beta)%') AS beta FROM chunks WHERE section = 'Release alpha' OR section = 'Release beta'",
      )
      .get() as { alpha: number; beta: number };
    assert.ok(versions.alpha > 0, "pages not reached yet keep their previous version");
    assert.ok(versions.beta > 0, "committed batches hold the new version");
    assert.ok(kb.search("work pools retries", { topK: 5 }).length === 5);
  } finally {
    kb.close();
  }

  // The next sync finishes the job.
  const again = runCli(["docs", "sync", "--from-dir", dir, "--base-url", BASE, "--json"], {
    CALL_COACH_HOME: home,
  });
  assert.equal(again.status, 0, again.stderr);
  const summary = JSON.parse(again.stdout);
  assert.equal(summary.added, 0);
  assert.equal(summary.updated + summary.unchanged, PAGES);
  assert.ok(summary.updated > 0 && summary.unchanged > 0);
});
