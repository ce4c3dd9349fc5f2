/**
 * What objection detection takes from the product profile, compiled once per profile: the names
 * that make "you" in a concern the product, the topics with their cue words, the words that are
 * not people's names, and the fitted classifier.
 */
import { defaultProductProfile } from "../../product/default.js";
import { perProfile } from "../../product/per-profile.js";
import type { ProductProfile } from "../../product/profile.js";
import { escapeRegExp } from "../../text/regex.js";
import type { ObjectionModel } from "./objection-classifier.js";
import { loadObjectionModel } from "./objection-model.js";

/** [topic, cue words as one global case-insensitive pattern, weight per match] */
export type TopicRule = [string, RegExp, number];

export interface ObjectionLexicon {
  /** RegExp alternatives for the product's names: naming the product addresses the vendor. */
  readonly productNames: string;
  /**
   * The product's names and its hosted edition's: a concern that names them is about adopting
   * the product, not about the customer's present.
   */
  readonly adoptionNames: string;
  /** The profile's topic cues in file order (earlier topics win ties). */
  readonly topics: readonly TopicRule[];
  /** Lower-case words of product terms, product names and competitors: capitalized, yet not people. */
  readonly knownNames: ReadonlySet<string>;
  /** The fitted classifier; null when the profile ships none (the cue rules decide alone). */
  model(): ObjectionModel | null;
}

export const objectionLexicon = perProfile(compileObjectionLexicon);

function compileObjectionLexicon(profile: ProductProfile): ObjectionLexicon {
  const { vocabulary } = profile;
  // A profile without its own objection model borrows the bundled default's, as the judge does:
  // its features are how prospects speak (modality, hedges, first person, concern words), and the
  // product's own names and topics come from this profile.
  // A borrowed model ranks another product's sentences less sharply (its weights for this
  // product's words and topics were never fitted), so it applies its recall-first threshold.
  const borrowed = !profile.models.objection;
  const modelFile = profile.models.objection ?? defaultProductProfile().models.objection;
  let model: ObjectionModel | null | undefined;
  return {
    productNames: alternatives(vocabulary.productNames),
    adoptionNames: alternatives([...vocabulary.productNames, ...(profile.editions?.hosted ?? [])]),
    topics: profile.objectionTopics.flatMap((t) =>
      t.cues.map((c): TopicRule => [t.name, new RegExp(`\\b(?:${c.words.join("|")})\\b`, "gi"), c.weight]),
    ),
    knownNames: new Set(
      [
        ...vocabulary.productNames,
        ...vocabulary.terms,
        ...profile.competitors.flatMap((c) => [c.name, ...c.aliases]),
      ].flatMap((t) => t.toLowerCase().split(/\s+/)),
    ),
    model: () => {
      if (model === undefined) {
        const fitted = modelFile ? loadObjectionModel(modelFile) : null;
        model =
          fitted && borrowed ? { ...fitted, threshold: fitted.recallThreshold ?? fitted.threshold } : fitted;
      }
      return model;
    },
  };
}

/** Names as RegExp alternatives, matched in any case with any spacing; longest first. */
function alternatives(names: readonly string[]): string {
  return [...new Set(names.map((n) => n.trim().toLowerCase()))]
    .sort((a, b) => b.length - a.length)
    .map((n) => escapeRegExp(n).replace(/\s+/g, "\\s+"))
    .join("|");
}
