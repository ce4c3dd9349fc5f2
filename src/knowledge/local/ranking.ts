/**
 * How the local knowledge base orders the chunks FTS5 finds. BM25 alone sums term scores, so one
 * query word that repeats, or has many synonyms, can outrank a chunk that holds more of the query.
 * Each candidate is described by a few product-neutral features, and a logistic regression fitted
 * on the claim corpus (`npm run train:ranker`: does this chunk hold the claim's deciding quote?)
 * weighs them. The weights are data, `rank-weights.json`, written by the trainer.
 */
import fitted from "./rank-weights.json" with { type: "json" };

/** The features, in the order the weights use. */
export const RANK_FEATURES = [
  // BM25 (title, section and body columns weighted), as a magnitude and relative to the best row.
  "bm25.log",
  "bm25.relative",
  // IDF-weighted share of the query's concepts the chunk's body, title and section hold.
  "coverage.body",
  "coverage.title",
  "coverage.section",
  // Long chunks match more words by chance.
  "length.log",
] as const;

export interface RankWeights {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
}

/** The committed weights; they must name the features above, in their order. */
export const RANK_WEIGHTS: RankWeights = fitted;
if (RANK_WEIGHTS.features.join() !== RANK_FEATURES.join())
  throw new Error("rank-weights.json does not match the ranker's features (rerun npm run train:ranker)");

export interface RankInput {
  /** BM25 score, higher is better (FTS5's `rank` negated). */
  bm25: number;
  /** The best BM25 score among the candidates of the same query. */
  bestBm25: number;
  coverageBody: number;
  coverageTitle: number;
  coverageSection: number;
  length: number;
}

export function rankFeatures(r: RankInput): number[] {
  return [
    Math.log1p(Math.max(0, r.bm25)),
    r.bestBm25 > 0 ? r.bm25 / r.bestBm25 : 0,
    r.coverageBody,
    r.coverageTitle,
    r.coverageSection,
    Math.log1p(r.length),
  ];
}

/** The fitted score (log-odds that the chunk holds what the query is about). */
export function rankScore(x: readonly number[], w: RankWeights = RANK_WEIGHTS): number {
  let z = w.bias;
  for (let i = 0; i < x.length; i++) z += w.weights[i]! * x[i]!;
  return z;
}
