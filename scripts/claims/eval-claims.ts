/**
 * Scores the judge on the claim corpus: `npm run eval:claims [-- --split test|train] [--setting synced|pack] [--reliability]`.
 * Each claim goes through retrieval and the judge exactly as on a call. The last line is
 *   split=… n=… verdict_acc=… contradicted_precision=… supported_precision=… contradicted_recall=… cite_hit3=…
 * The test split is never used to fit or choose anything: it is scored once per change.
 * --reliability prints, per confidence bin, how often the verdict shown was right (the table in
 * docs/judge.md). Figures are plain counts over the corpus (no class re-weighting).
 */
import { parseArgs } from "node:util";
import { judgeClaim } from "../../src/judge/claim-judge.js";
import { profileJudgeOptions } from "../../src/judge/options.js";
import { defaultProductProfile } from "../../src/product/default.js";
import { loadCorpus, splitOf } from "./corpus.js";
import {
  asClaim,
  citesDecidingPage,
  judgeOptionsFor,
  knowledgeBaseFor,
  retrieve,
  type Setting,
} from "./judge-data.js";

const { values } = parseArgs({
  options: {
    split: { type: "string", default: "test" },
    setting: { type: "string", default: "synced" },
    reliability: { type: "boolean", default: false },
  },
});
const split = values.split as "test" | "train";
const setting = values.setting as Setting;
if (!["test", "train"].includes(split) || !["synced", "pack"].includes(setting)) {
  console.error("usage: eval-claims [--split test|train] [--setting synced|pack] [--reliability]");
  process.exit(2);
}
const claims = loadCorpus().filter((c) => splitOf(c.docs[0]!) === split);
const kb = await knowledgeBaseFor(setting);
const options = judgeOptionsFor(kb, profileJudgeOptions(defaultProductProfile()));
const t = { n: 0, ok: 0, cTP: 0, cFP: 0, cFN: 0, sTP: 0, sFP: 0, citeN: 0, cite: 0, hitN: 0, hit: 0 };
const bins = Array.from({ length: 10 }, () => ({ n: 0, right: 0 }));
const byVerdict: Record<string, { n: number; right: number }> = {};
for (const c of claims) {
  const hits = retrieve(kb, asClaim(c.text));
  const j = judgeClaim(asClaim(c.text), hits, options);
  t.n++;
  const right = j.verdict === c.label;
  if (right) t.ok++;
  if (j.verdict === "supported") c.label === "supported" ? t.sTP++ : t.sFP++;
  if (c.label === "contradicted") j.verdict === "contradicted" ? t.cTP++ : t.cFN++;
  else if (j.verdict === "contradicted") t.cFP++;
  if (c.label !== "unverifiable") {
    t.citeN++;
    if (citesDecidingPage(j.evidence, c.docs)) t.cite++;
  }
  const bin = bins[Math.min(9, Math.floor(j.confidence * 10))]!;
  bin.n++;
  if (right) bin.right++;
  byVerdict[j.verdict] ??= { n: 0, right: 0 };
  const v = byVerdict[j.verdict]!;
  v.n++;
  if (right) v.right++;
}
kb.close();
const r = (a: number, b: number) => (b ? (a / b).toFixed(3) : "n/a");
if (values.reliability) {
  console.log("| confidence | claims | right | share right |");
  console.log("|---|---|---|---|");
  bins.forEach((b, i) => {
    if (b.n)
      console.log(
        `| ${(i / 10).toFixed(1)}–${((i + 1) / 10).toFixed(1)} | ${b.n} | ${b.right} | ${r(b.right, b.n)} |`,
      );
  });
}
console.log(
  `verdicts said: ${Object.entries(byVerdict)
    .map(([k, v]) => `${k} ${v.n} (${v.right} right)`)
    .join(", ")}; setting=${setting}`,
);
console.log(
  `split=${split} n=${t.n} verdict_acc=${r(t.ok, t.n)} contradicted_precision=${r(t.cTP, t.cTP + t.cFP)} supported_precision=${r(t.sTP, t.sTP + t.sFP)} contradicted_recall=${r(t.cTP, t.cTP + t.cFN)} cite_hit3=${r(t.cite, t.citeN)}`,
);
