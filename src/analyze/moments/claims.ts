/**
 * Product claims: sentences by internal speakers that assert what the product does, has,
 * supports, requires, costs, defaults to, or cannot do. With a fitted claim classifier in the
 * profile, it decides (the rules' verdict is one of its features); without one, the rules do.
 */
import type { ClaimMoment } from "../../model/moments.js";
import { isQuestion } from "../questions.js";
import type { CompiledVocabulary } from "../vocabulary.js";
import { type ClaimLexicon, claimProbability } from "./claim-classifier.js";
import { CONTEXT_SENTENCES, claimCues, MIN_WORDS } from "./claim-rules.js";
import type { SentenceRef } from "./sentences.js";

/** The sentences just before sentence `i`, nearest first (any speaker). */
export function contextOf(sentences: readonly SentenceRef[], i: number): string[] {
  const context: string[] = [];
  for (let j = i - 1; j >= 0 && context.length < CONTEXT_SENTENCES; j--) context.push(sentences[j]!.text);
  return context;
}

export function findClaims(
  sentences: SentenceRef[],
  vocabulary: CompiledVocabulary,
  lexicon: ClaimLexicon,
): ClaimMoment[] {
  const model = lexicon.model();
  const claims: ClaimMoment[] = [];
  sentences.forEach((s, i) => {
    if (s.side !== "internal" || s.text.trim().split(/\s+/).length < MIN_WORDS) return;
    const context = contextOf(sentences, i);
    const cues = claimCues(s.text, vocabulary, context);
    const claim = model
      ? claimProbability(s.text, cues, { afterQuestion: isQuestion(context[0] ?? "") }, lexicon, model) >=
        model.threshold
      : cues.rules;
    if (!claim) return;
    // The topic: the sentence's own product words, else those of the sentences it refers back to.
    const own = vocabulary.topic(s.text);
    const carried = own ? null : context.map((c) => vocabulary.topic(c)).find((t) => t !== null);
    const terms = vocabulary.match(s.text);
    claims.push({ ...s, kind: "claim", topic: own ?? carried ?? topicOf(terms) });
  });
  return claims;
}

/** Fallback when the vocabulary names no topic: the first matched term. */
function topicOf(terms: string[]): string {
  return (terms[0] ?? "product").toLowerCase();
}
