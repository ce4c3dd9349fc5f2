/** The fitted search ranker: its weights match its features, and it orders as its design says. */
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  RANK_FEATURES,
  RANK_WEIGHTS,
  type RankInput,
  rankFeatures,
  rankScore,
} from "../../src/knowledge/local/ranking.js";

const base: RankInput = {
  bm25: 8,
  bestBm25: 10,
  coverageBody: 0.5,
  coverageTitle: 0.2,
  coverageSection: 0.2,
  length: 600,
};
const score = (r: Partial<RankInput>) => rankScore(rankFeatures({ ...base, ...r }));

test("the committed weights name the ranker's features, in its order", () => {
  assert.deepEqual([...RANK_WEIGHTS.features], [...RANK_FEATURES]);
  assert.equal(RANK_WEIGHTS.weights.length, RANK_FEATURES.length);
  assert.equal(rankFeatures(base).length, RANK_FEATURES.length);
  for (const w of RANK_WEIGHTS.weights) assert.ok(Number.isFinite(w));
});

test("a chunk whose body holds more of the query ranks higher, all else equal", () => {
  assert.ok(score({ coverageBody: 0.9 }) > score({ coverageBody: 0.5 }));
  assert.ok(score({ coverageBody: 0.5 }) > score({ coverageBody: 0.1 }));
});

test("a chunk closer to the query's best BM25 score ranks higher, all else equal", () => {
  assert.ok(score({ bm25: 10 }) > score({ bm25: 5 }));
});

test("features are finite for an empty chunk and a query with no BM25 signal", () => {
  const x = rankFeatures({
    bm25: 0,
    bestBm25: 0,
    coverageBody: 0,
    coverageTitle: 0,
    coverageSection: 0,
    length: 0,
  });
  assert.ok(x.every(Number.isFinite));
  assert.ok(Number.isFinite(rankScore(x)));
});
