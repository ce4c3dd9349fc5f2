/**
 * Fits the local knowledge base's ranker (`src/knowledge/local/ranking.ts`):
 * `npm run train:ranker` rewrites `src/knowledge/local/rank-weights.json`.
 *
 * Data: the claim corpus's train split (supported and contradicted claims; the test split is never
 * read). Each claim's docs query (topic terms only, as a call sends it) gives FTS5's first 60
 * chunks of the synced docs snapshot; a chunk is a positive when it holds the claim's deciding
 * quote. Claims whose quote is in none of the 60 teach nothing about order and are left out.
 * Model: logistic regression on the ranker's features, its L2 penalty chosen by cross-validation
 * that holds out whole writers (the corpus's files). Printed: hit@3 and hit@16 out of fold, per
 * label, against BM25's own order.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { rulesFor } from "../../src/judge/claim-judge.js";
import { profileJudgeOptions } from "../../src/judge/options.js";
import { RANK_FEATURES, type RankWeights, rankScore } from "../../src/knowledge/local/ranking.js";
import { defaultProductProfile } from "../../src/product/default.js";
import { type CorpusClaim, loadCorpus, splitOf } from "./corpus.js";
import { asClaim, claimSearchQuery, judgeOptionsFor, knowledgeBaseFor } from "./judge-data.js";
import { holdsQuote } from "./judge-training.js";
import { crossEntropy, type SparseRow, trainSoftmax } from "./softmax-regression.js";

const POOL = 60;
const L2_GRID = [1e-4, 1e-3, 1e-2, 1e-1];

interface Query {
  claim: CorpusClaim;
  writer: string;
  rows: { x: number[]; y: number; bm25Rank: number }[];
}

const kb = await knowledgeBaseFor("synced");
const lex = rulesFor(judgeOptionsFor(kb, profileJudgeOptions(defaultProductProfile()))).lexicon;
const queries: Query[] = [];
for (const claim of loadCorpus()) {
  if (splitOf(claim.docs[0]!) !== "train" || claim.label === "unverifiable") continue;
  const query = claimSearchQuery(asClaim(claim.text));
  if (!query) continue;
  const pool = kb.rankingPool(query, POOL);
  const rows = pool.map((c, i) => ({
    x: c.features,
    y: holdsQuote({ text: c.row.content, hit: { url: c.row.url } } as never, claim, lex) ? 1 : 0,
    bm25Rank: i,
  }));
  if (rows.some((r) => r.y)) queries.push({ claim, writer: claim.id.split("-")[0]!, rows });
}

const sparse = (x: number[]): SparseRow => ({ index: x.map((_, i) => i), value: x });
function fit(qs: Query[], l2: number): RankWeights {
  const rows = qs.flatMap((q) => q.rows);
  const m = trainSoftmax(
    rows.map((r) => sparse(r.x)),
    rows.map((r) => r.y),
    RANK_FEATURES.length,
    2,
    { l2, iterations: 1500 },
  );
  return {
    features: RANK_FEATURES,
    weights: RANK_FEATURES.map((_, j) => round(m.weights[1]![j]! - m.weights[0]![j]!)),
    bias: round(m.bias[1]! - m.bias[0]!),
  };
}
const round = (v: number) => Math.round(v * 1e5) / 1e5;

/** Rank (0 = first) of the first positive under an order; POOL when none. */
function firstHit(q: Query, score: (r: Query["rows"][number]) => number): number {
  const order = [...q.rows].sort((a, b) => score(b) - score(a) || a.bm25Rank - b.bm25Rank);
  const i = order.findIndex((r) => r.y === 1);
  return i < 0 ? POOL : i;
}

const writers = [...new Set(queries.map((q) => q.writer))].sort();
const report = (label: string, ranks: Map<Query, number>) => {
  const parts = (["supported", "contradicted"] as const).map((l) => {
    const rs = [...ranks].filter(([q]) => q.claim.label === l).map(([, r]) => r);
    const at = (k: number) => (rs.filter((r) => r < k).length / rs.length).toFixed(3);
    return `${l} n=${rs.length} hit@3=${at(3)} hit@16=${at(16)}`;
  });
  console.log(`${label.padEnd(22)} ${parts.join("  ")}`);
};

let best: { l2: number; loss: number; ranks: Map<Query, number> } | null = null;
for (const l2 of L2_GRID) {
  let loss = 0;
  let n = 0;
  const ranks = new Map<Query, number>();
  for (const w of writers) {
    const model = fit(
      queries.filter((q) => q.writer !== w),
      l2,
    );
    for (const q of queries.filter((x) => x.writer === w)) {
      ranks.set(
        q,
        firstHit(q, (r) => rankScore(r.x, model)),
      );
      for (const r of q.rows) {
        const z = rankScore(r.x, model);
        const p1 = 1 / (1 + Math.exp(-z));
        loss += crossEntropy([1 - p1, p1], r.y);
        n++;
      }
    }
  }
  console.log(`l2=${l2} out-of-fold log-loss ${(loss / n).toFixed(5)}`);
  if (!best || loss / n < best.loss) best = { l2, loss: loss / n, ranks };
}
report("BM25 order", new Map(queries.map((q) => [q, firstHit(q, (r) => -r.bm25Rank)])));
report(`fitted, out of fold`, best!.ranks);

const final = fit(queries, best!.l2);
const out = join(import.meta.dirname, "..", "..", "src", "knowledge", "local", "rank-weights.json");
// Laid out as the formatter lays out JSON (features one per line, the weights on one).
const fitted = `npm run train:ranker (scripts/claims/train-ranker.ts) on ${queries.length} train-split claims of the corpus; writers' CV chose l2=${best!.l2}`;
writeFileSync(
  out,
  `{
  "fitted": ${JSON.stringify(fitted)},
  "features": [
${final.features.map((f) => `    ${JSON.stringify(f)}`).join(",\n")}
  ],
  "weights": [${final.weights.join(", ")}],
  "bias": ${final.bias}
}
`,
);
console.log(`wrote ${out}`);
