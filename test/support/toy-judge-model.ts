/**
 * A hand-set judge model small enough to reason about, for tests of what happens around the judge
 * (reports, storage, insights, the UI): a passage contradicts a claim when a typed detector finds a
 * conflict with it and it aligns well, and states it when it supports the clause and aligns well; the claim model
 * follows the pair model's strongest answers. The fitted model's verdicts change with every
 * retrain; these do not. Loaded through the real path (`CALL_COACH_JUDGE_MODEL`).
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { CLAIM_FEATURES, PAIR_FEATURES } from "../../src/judge/features.js";
import type { JudgeModel } from "../../src/judge/model.js";

export function toyJudgeModel(): JudgeModel {
  const row = (features: readonly string[], set: (f: string) => number) => features.map(set);
  return {
    schema: "call-coach/judge-model@2",
    pair: {
      features: [...PAIR_FEATURES],
      weights: [
        row(PAIR_FEATURES, (f) => (f === "supports" ? 4 : f === "align.coverage" ? 4 : 0)),
        row(PAIR_FEATURES, (f) =>
          f.startsWith("conflict.") && f !== "conflict.count" && f !== "conflict.any_cov"
            ? 6
            : f === "align.coverage"
              ? 6
              : 0,
        ),
        row(PAIR_FEATURES, () => 0),
      ],
      bias: [-6, -10, 0],
    },
    claim: {
      features: [...CLAIM_FEATURES],
      weights: [
        row(CLAIM_FEATURES, (f) => (f === "pair.entails_max" ? 10 : 0)),
        row(CLAIM_FEATURES, (f) => (f === "pair.contradicts_max" ? 10 : 0)),
        row(CLAIM_FEATURES, () => 0),
      ],
      bias: [-5, -5, 0],
    },
    swaps: [],
    temperature: 1,
    thresholds: [
      { setting: "pack", documents: 0, supported: 0.7, contradicted: 0.7 },
      { setting: "synced", documents: 0, supported: 0.7, contradicted: 0.7 },
    ],
    training: { note: "hand-set for tests" },
  };
}

/** Writes the toy model into a folder and returns its path (for CALL_COACH_JUDGE_MODEL). */
export function writeToyJudgeModel(dir: string): string {
  const file = join(dir, "toy-judge-model.json");
  writeFileSync(file, JSON.stringify(toyJudgeModel()));
  return file;
}
