/**
 * The held-out labeled calls (eval/holdout-calls, README there) stay usable and stay held out:
 * every label points at text that exists (its transcript, its docs page), and nothing the product
 * or its training is built from reads the folder.
 */
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { normalizeQuote } from "../../scripts/quote-match.js";
import { SHARED_DOCS } from "../../scripts/shared-data.js";

const ROOT = join(import.meta.dirname, "..", "..");
const DIR = join(ROOT, "eval", "holdout-calls");
const VERDICTS = new Set(["supported", "contradicted", "unverifiable"]);

interface Labels {
  call: string;
  internal_speakers: string[];
  claims: {
    id: string;
    quote: string;
    verdict: string;
    docs: string[];
    evidence: string;
    correction: string;
  }[];
  objections: { quote: string; topic: string }[];
  competitors: { name: string; quote: string }[];
  non_claims: string[];
}

/** The words a listener hears: Gong sentences, or the file's text for VTT and plain text. */
function spokenText(file: string): string {
  const raw = readFileSync(file, "utf8");
  if (!file.endsWith(".json")) return normalizeQuote(raw);
  const gong = JSON.parse(raw) as { callTranscripts: { transcript: { sentences: { text: string }[] }[] }[] };
  return gong.callTranscripts
    .flatMap((t) => t.transcript.flatMap((m) => m.sentences.map((s) => normalizeQuote(s.text))))
    .join(" | ");
}

const files = readdirSync(DIR).filter((f) => f.endsWith(".labels.json"));

test("there are held-out calls, each with its transcript", () => {
  assert.ok(files.length >= 6, `found ${files.length} label files`);
});

for (const f of files)
  test(`${f}: every label points at text that exists`, () => {
    const labels = JSON.parse(readFileSync(join(DIR, f), "utf8")) as Labels;
    const spoken = spokenText(join(DIR, labels.call));
    assert.ok(labels.internal_speakers.length > 0, "internal_speakers");
    const said = (quote: string, what: string) =>
      assert.ok(spoken.includes(normalizeQuote(quote)), `${f}: ${what} not in ${labels.call}: "${quote}"`);
    for (const c of labels.claims) {
      assert.ok(VERDICTS.has(c.verdict), `${c.id}: verdict ${c.verdict}`);
      said(c.quote, c.id);
      if (c.verdict === "unverifiable") continue;
      const pages = c.docs.map((d) => normalizeQuote(readFileSync(join(SHARED_DOCS, d), "utf8")));
      assert.ok(
        pages.some((p) => p.includes(normalizeQuote(c.evidence))),
        `${c.id}: evidence not in ${c.docs.join(", ")}`,
      );
      if (c.verdict === "contradicted") assert.ok(c.correction.trim(), `${c.id}: a correction`);
    }
    for (const o of labels.objections) said(o.quote, `objection (${o.topic})`);
    for (const c of labels.competitors) said(c.quote, `competitor ${c.name}`);
    for (const n of labels.non_claims) said(n, "non-claim");
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
