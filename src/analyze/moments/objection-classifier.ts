/**
 * The learned half of objection detection: a logistic-regression sentence classifier whose
 * weights (pack/objection-model.json) are trained by scripts/train-objection-model.ts on the labeled
 * calls. It finds concerns the cue rules have no family for — requirements and constraints
 * stated flatly ("whatever we adopt has to…", "our regulator expects…"), refusals, conditions —
 * because it weighs many small signals instead of needing one pattern to match.
 */
import { objectionFeatures } from "./objection-features.js";
import type { ObjectionLexicon } from "./objection-lexicon.js";
import { objectionModel } from "./objection-model.js";

export interface ObjectionModel {
  /** Report a sentence when its probability is at least this (best F1 out of fold). */
  threshold: number;
  /**
   * The highest threshold that still finds 85% of the training calls' objections out of fold:
   * what a profile that borrows this model applies (see objection-lexicon.ts).
   */
  recallThreshold?: number;
  bias: number;
  /** Leave-one-call-out counts at the threshold: rules alone, model alone, either. */
  cv: {
    calls: number;
    sentences: number;
    objections: number;
    rules: { tp: number; fp: number; fn: number };
    model: { tp: number; fp: number; fn: number };
    combined: { tp: number; fp: number; fn: number };
  };
  weights: Record<string, number>;
}

/** Probability that an external speaker's sentence is an objection, given what the cue rules say of it. */
export function objectionProbability(
  text: string,
  cues: { rules: boolean; currentPain: boolean },
  lexicon: ObjectionLexicon,
  model: ObjectionModel = objectionModel(),
): number {
  let z = model.bias;
  for (const f of objectionFeatures(text, cues, lexicon)) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}

export function classifierSaysObjection(
  text: string,
  cues: { rules: boolean; currentPain: boolean },
  lexicon: ObjectionLexicon,
  model: ObjectionModel = objectionModel(),
): boolean {
  return objectionProbability(text, cues, lexicon, model) >= model.threshold;
}
