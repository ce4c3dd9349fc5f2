// Written by `npm run train:ranker` (scripts/claims/train-ranker.ts); do not edit by hand.
// Fitted on 1033 train-split claims of the corpus (writers' CV: l2=0.0001).
import type { RankWeights } from "./ranking.js";

export const RANK_WEIGHTS: RankWeights = {
  features: [
    "bm25.log",
    "bm25.relative",
    "coverage.body",
    "coverage.title",
    "coverage.section",
    "length.log",
  ],
  weights: [-0.23389, 6.04824, 6.53091, -0.91856, 0.21183, -0.0837],
  bias: -9.19305,
};
