/**
 * The judge's settings for one product: its fitted model and the lexicons its profile gives
 * (contrast pairs, edition names, synonyms, phrasings, weak terms). The judge's code stays
 * product-neutral; these are data.
 */
import { InputError } from "../errors.js";
import { defaultProductProfile } from "../product/default.js";
import { profileLexicon } from "../product/lexicon.js";
import { perProfile } from "../product/per-profile.js";
import type { ProductProfile } from "../product/profile.js";
import type { JudgeOptions } from "./claim-judge.js";
import { loadJudgeModel } from "./model.js";

/**
 * `modelFile` replaces the profile's fitted model (CALL_COACH_JUDGE_MODEL); `withModel: false`
 * leaves it out (for the trainer, which fits a new one).
 */
export function judgeOptionsFromProfile(
  profile: ProductProfile,
  { withModel = true, modelFile }: { withModel?: boolean; modelFile?: string | null } = {},
): JudgeOptions {
  // A profile without a fitted judge model borrows the bundled default's: its features (alignment,
  // negation, figures, editions, closed lists…) are product-neutral, so it is a sound start for a
  // product with no claim corpus of its own yet.
  const modelPath = modelFile ?? profile.models.judge ?? defaultProductProfile().models.judge;
  let model: JudgeOptions["model"];
  if (withModel && modelPath) {
    try {
      model = loadJudgeModel(modelPath);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new InputError(`judge model: ${code === "ENOENT" ? "file not found" : (err as Error).message}`, {
        file: modelPath,
      });
    }
  }
  return {
    ...(model ? { model } : {}),
    contrasts: profile.judgeContrasts,
    lexicon: profileLexicon(profile),
    ...(profile.judgeRetiredTerms.length ? { retiredTerms: profile.judgeRetiredTerms } : {}),
    ...(profile.editions ? { editions: profile.editions } : {}),
  };
}

/** The profile's judge options, read once per process. */
export const profileJudgeOptions = perProfile((profile) => judgeOptionsFromProfile(profile));
