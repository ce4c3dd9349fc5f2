/**
 * The learned half of claim detection: a logistic-regression sentence classifier whose weights
 * (the profile's `models.claim`, trained by scripts/train-claim-model.ts on the labeled calls)
 * decide whether an internal speaker's sentence is a product claim. The rules (claim-rules.ts)
 * are among its features: they are precise on the phrasings and the vocabulary they know, and the
 * classifier carries what they miss (an integration's class name, a short answer that leans on
 * the question, a figure without a product word) because it weighs many small signals.
 */
import { perProfile } from "../../product/per-profile.js";
import type { ProductProfile } from "../../product/profile.js";
import { type ClaimSetting, claimFeatures } from "./claim-features.js";
import type { ClaimCues } from "./claim-rules.js";
import { readModelFile } from "./model-file.js";
import { objectionLexicon } from "./objection-lexicon.js";

export interface ClaimModel {
  /** Report a sentence when its probability is at least this (chosen out of fold). */
  threshold: number;
  bias: number;
  /** Out-of-fold counts on the labeled calls' internal sentences at the threshold. */
  cv: {
    calls: number;
    sentences: number;
    claims: number;
    rules: { tp: number; fp: number; fn: number };
    model: { tp: number; fp: number; fn: number };
  };
  weights: Record<string, number>;
}

export interface ClaimLexicon {
  /** Lower-case words of product terms, product names and competitors: capitalized, yet not people. */
  readonly knownNames: ReadonlySet<string>;
  /** The fitted classifier; null when the profile ships none (the rules decide alone). */
  model(): ClaimModel | null;
}

/** The model in `file` (a profile's `models.claim`). */
export const loadClaimModel = (file: string): ClaimModel => readModelFile<ClaimModel>(file);

// A profile without its own claim model is not lent the bundled one (unlike the objection
// classifier): its stems are this product's feature words, so for another product the rules,
// which read the profile's own vocabulary, are the better judge.
export const claimLexicon = perProfile((profile: ProductProfile): ClaimLexicon => {
  const file = profile.models.claim;
  let model: ClaimModel | null | undefined;
  return {
    knownNames: objectionLexicon(profile).knownNames,
    model: () => {
      if (model === undefined) model = file ? loadClaimModel(file) : null;
      return model;
    },
  };
});

/** Probability that an internal speaker's sentence is a product claim. */
export function claimProbability(
  text: string,
  cues: ClaimCues,
  setting: ClaimSetting,
  lexicon: ClaimLexicon,
  model: ClaimModel,
): number {
  let z = model.bias;
  for (const f of claimFeatures(text, cues, setting, lexicon)) z += model.weights[f] ?? 0;
  return 1 / (1 + Math.exp(-z));
}
