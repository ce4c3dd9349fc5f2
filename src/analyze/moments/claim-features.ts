/**
 * Features of an internal speaker's sentence for the claim classifier: word stems and stem
 * bigrams (names and figures folded into one token each, as for objections), what each claim rule
 * says of it (claim-rules.ts), how many product terms it and the sentences before it name, and
 * the shape of the turn it answers. Shared by the trainer (scripts/train-claim-model.ts) and
 * inference, so the two always see the same features.
 */
import { porterStem as stemmer } from "../../text/stems.js";
import type { ClaimCues } from "./claim-rules.js";
import { tokens } from "./objection-features.js";

/** Where the sentence sits in the call. */
export interface ClaimSetting {
  /** The sentence just before it is someone's question: an answer to it states something. */
  afterQuestion: boolean;
}

// Identifiers as the docs spell them: snake_case options, CamelCase classes, dotted names. A rep
// who says one is usually telling how the product behaves, and the vocabulary cannot list them all.
const IDENTIFIER = /\b[a-z][a-z0-9]*_[a-z0-9_]+\b|\b[A-Z][a-z0-9]+[A-Z][A-Za-z0-9]*\b|\b[a-z]+\.[a-z_]+\(|`/;

const bucket = (n: number, edges: number[]) => edges.filter((e) => n >= e).length;

/**
 * Binary features: `w:` stems, `b:` stem bigrams, `h:` what the rules and the setting say. The
 * classifier weighs them; no single one decides.
 */
export function claimFeatures(
  text: string,
  cues: ClaimCues,
  setting: ClaimSetting,
  lexicon: { readonly knownNames: ReadonlySet<string> },
): string[] {
  const words = tokens(text, lexicon);
  const stems = words.map((w) => (w.includes("'") || w.startsWith("<") ? w : stemmer(w)));
  const out = new Set<string>();
  for (const s of stems) out.add(`w:${s}`);
  const padded = ["<s>", ...stems, "</s>"];
  for (let i = 0; i + 1 < padded.length; i++) out.add(`b:${padded[i]} ${padded[i + 1]}`);
  const flags: [string, boolean][] = [
    ["rules", cues.rules],
    ["rules-context", cues.fromContext],
    ["carried", cues.carried],
    ["assertion", cues.assertion],
    ["quantity", cues.quantity],
    ["question", cues.question],
    ["anaphoric", cues.anaphoric],
    ["opener", cues.opener],
    ["logistics", cues.logistics],
    ["commitment", cues.commitment],
    ["introduction", cues.introduction],
    ["fit-judgement", cues.fitJudgement],
    ["identifier", IDENTIFIER.test(text)],
    ["after-question", setting.afterQuestion],
  ];
  for (const [name, on] of flags) if (on) out.add(`h:${name}`);
  out.add(`h:terms-${bucket(cues.terms, [1, 2, 3])}`);
  out.add(`h:length-${bucket(words.length, [10, 18, 28])}`);
  return [...out];
}
