/**
 * A profile's word lexicon, compiled once: the English lexicon (src/text/terms.ts) with the
 * product's synonyms, phrasings and weak terms added. The judge, and whatever else compares a
 * claim or an objection with documentation, stems and folds words through it.
 */
import { compileLexicon, type TermLexicon } from "../text/terms.js";
import type { ProductProfile } from "./profile.js";

const compiled = new WeakMap<ProductProfile, TermLexicon>();

export function profileLexicon(profile: ProductProfile): TermLexicon {
  let lexicon = compiled.get(profile);
  if (!lexicon) {
    lexicon = compileLexicon(profile.judgeLexicon);
    compiled.set(profile, lexicon);
  }
  return lexicon;
}
