/**
 * A profile's word lexicon, compiled once: the English lexicon (src/text/terms.ts) with the
 * product's synonyms, phrasings and weak terms added. The judge, and whatever else compares a
 * claim or an objection with documentation, stems and folds words through it.
 */
import { compileLexicon, type TermLexicon } from "../text/terms.js";
import { perProfile } from "./per-profile.js";

export const profileLexicon = perProfile((profile): TermLexicon => compileLexicon(profile.judgeLexicon));
