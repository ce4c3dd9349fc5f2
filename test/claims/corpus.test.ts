/**
 * The claim corpus (eval/claims): its size and coverage, its minimal pairs, a split by page, and
 * the checker that holds every quote to the docs (run here on a docs folder of its own).
 */
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { promisify } from "node:util";
import { loadCorpus, splitOf } from "../../scripts/claims/corpus.js";

const ROOT = join(import.meta.dirname, "..", "..");

test("the corpus: at least 1,500 claims from at least 300 pages, every pair one right and one wrong", () => {
  const corpus = loadCorpus();
  assert.ok(corpus.length >= 1500, `${corpus.length} claims`);
  assert.ok(new Set(corpus.map((c) => c.docs[0])).size >= 300);
  const pairs = new Map<string, string[]>();
  for (const c of corpus) if (c.pair) pairs.set(c.pair, [...(pairs.get(c.pair) ?? []), c.label]);
  for (const [pair, labels] of pairs) assert.deepEqual(labels.sort(), ["contradicted", "supported"], pair);
  for (const label of ["supported", "contradicted", "unverifiable"])
    assert.ok(corpus.filter((c) => c.label === label).length >= 300, label);
  assert.ok(
    corpus.filter((c) => c.label === "contradicted").every((c) => c.correction && c.mistake !== "none"),
  );
});

test("the split is by page: no page has claims on both sides, and about a quarter is test", () => {
  const corpus = loadCorpus();
  const sides = new Map<string, Set<string>>();
  for (const c of corpus)
    sides.set(c.docs[0]!, (sides.get(c.docs[0]!) ?? new Set()).add(splitOf(c.docs[0]!)));
  for (const [page, s] of sides) assert.equal(s.size, 1, page);
  const share = corpus.filter((c) => splitOf(c.docs[0]!) === "test").length / corpus.length;
  assert.ok(share > 0.15 && share < 0.35, `test share ${share}`);
});

test("the checker: a quote must occur verbatim in its page; problems name the line; exit code 2", async () => {
  const shared = await mkdtemp(join(tmpdir(), "cc-shared-"));
  try {
    await mkdir(join(shared, "prefect-docs", "v3"), { recursive: true });
    await writeFile(
      join(shared, "prefect-docs", "v3", "results.mdx"),
      "# Results\n\nBy default flow and task results are\nnot persisted.\n",
    );
    const record = (id: string, label: string, quote: string, extra: Record<string, unknown> = {}) =>
      JSON.stringify({
        id,
        pair: "t-p1",
        docs: ["v3/results.mdx"],
        text: "Results aren't persisted unless you ask.",
        label,
        quote,
        correction: "",
        mistake: "default",
        ...extra,
      });
    const good = [
      record("t-1", "supported", "flow and task results are not persisted"),
      record("t-2", "contradicted", "flow and task results are not persisted", {
        correction: "They are not persisted.",
      }),
    ];
    const file = join(shared, "c.jsonl");
    const run = (lines: string[]) =>
      writeFile(file, `${lines.join("\n")}\n`).then(() =>
        promisify(execFile)(
          process.execPath,
          ["--import", "tsx", join(ROOT, "scripts", "claims", "check-corpus.ts"), file],
          {
            env: { ...process.env, CALL_COACH_SHARED_DIR: shared },
          },
        ).then(
          (r) => ({ code: 0, ...r }),
          (e: { code: number; stdout: string; stderr: string }) => e,
        ),
      );
    const ok = await run(good);
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, /2 claims, 1 pages, 1 pairs; .* 0 problems/);
    const bad = await run([
      good[0]!,
      record("t-2", "contradicted", "results are persisted by default", { correction: "No." }),
    ]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /c\.jsonl:2: t-2: quote not found verbatim in v3\/results\.mdx/);
  } finally {
    await rm(shared, { recursive: true, force: true });
  }
});
