/**
 * The held-out labeled calls (eval/holdout-calls, README there) stay usable and stay held out:
 * every label points at text that exists (its transcript, its docs page), and nothing the product
 * or its training is built from reads the folder.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { labeledUtterances, labelFiles, readEvalLabels } from "../../scripts/eval-labels.js";
import { normalizeQuote } from "../../scripts/quote-match.js";
import { SHARED_DOCS } from "../../scripts/shared-data.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIR = join(ROOT, "eval", "holdout-calls");
const VERDICTS = new Set(["supported", "contradicted", "unverifiable"]);

const files = labelFiles(DIR);

test("there are held-out calls, each with its transcript", () => {
  assert.ok(files.length >= 6, `found ${files.length} label files`);
});

for (const f of files)
  test(`${f}: every label points at text that exists`, async () => {
    const labels = readEvalLabels(join(DIR, f));
    // Each quote lies within one utterance as the product's parser reads the transcript.
    const spoken = (await labeledUtterances(DIR, labels)).map((u) => normalizeQuote(u.text)).join(" | ");
    assert.ok(labels.internal_speakers.length > 0, "internal_speakers");
    const said = (quote: string, what: string) =>
      assert.ok(spoken.includes(normalizeQuote(quote)), `${f}: ${what} not in ${labels.call}: "${quote}"`);
    for (const c of labels.claims) {
      assert.ok(c.verdict && VERDICTS.has(c.verdict), `${c.id}: verdict ${c.verdict}`);
      said(c.quote, c.id);
      if (c.verdict === "unverifiable") continue;
      assert.ok(c.evidence?.trim() && c.docs?.length, `${c.id}: deciding pages and an evidence quote`);
      const pages = (c.docs ?? []).map((d) => normalizeQuote(readFileSync(join(SHARED_DOCS, d), "utf8")));
      assert.ok(
        pages.some((p) => p.includes(normalizeQuote(c.evidence ?? ""))),
        `${c.id}: evidence not in ${c.docs?.join(", ")}`,
      );
      if (c.verdict === "contradicted") assert.ok(c.correction?.trim(), `${c.id}: a correction`);
    }
    for (const o of labels.objections ?? []) said(o.quote, `objection (${o.topic})`);
    for (const c of labels.competitors ?? []) said(c.quote, `competitor ${c.name}`);
    for (const n of labels.non_claims ?? []) said(n, "non-claim");
  });

test("nothing the product or its training is built from reads the held-out calls", () => {
  const readers: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (/\.(ts|mjs|json)$/.test(e.name) && readFileSync(path, "utf8").includes("holdout-calls"))
        readers.push(path.slice(ROOT.length + 1));
    }
  };
  for (const d of ["src", "scripts", "products"]) walk(join(ROOT, d));
  assert.deepEqual(readers, []);
});
