/**
 * The analyze stage's view of a product profile: its vocabulary (with the technology names its
 * docs give), its competitors, its objection lexicon and its claim classifier, compiled once per
 * profile and kept as long as the profile is, so a long call or a batch pays for the regular
 * expressions once.
 */

import { memo } from "../memo.js";
import { perProfile } from "../product/per-profile.js";
import { type CompetitorDefinition, type CompiledCompetitor, compileCompetitors } from "./competitors.js";
import { type ClaimLexicon, claimLexicon } from "./moments/claim-classifier.js";
import { type ObjectionLexicon, objectionLexicon } from "./moments/objection-lexicon.js";
import { type CompiledVocabulary, compileVocabulary } from "./vocabulary.js";

export interface CompiledProduct {
  readonly vocabulary: CompiledVocabulary;
  readonly competitors: CompiledCompetitor[];
  readonly objections: ObjectionLexicon;
  readonly claims: ClaimLexicon;
}

export const compiledProduct = perProfile(
  (profile): CompiledProduct => ({
    vocabulary: compileVocabulary({ ...profile.vocabulary, names: profile.docsTerms }),
    competitors: compileCompetitors(profile.competitors),
    objections: objectionLexicon(profile),
    claims: claimLexicon(profile),
  }),
);

// A --competitors list is one array for the whole process (or batch): compiled once too.
export const compiledCompetitors: (list: readonly CompetitorDefinition[]) => CompiledCompetitor[] =
  memo(compileCompetitors);
