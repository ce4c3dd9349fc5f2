/**
 * Product claims: sentences by internal speakers that assert what the product does, has,
 * supports, requires, costs, defaults to, or cannot do. A claim needs product vocabulary and an
 * assertion; questions, pleasantries and plans ("I'll send…", "let's…") are not claims, unless
 * they also carry an assertion about the product ("I'd use Secret blocks, whose values are
 * encrypted at rest").
 */
import type { ClaimMoment } from "../../model/moments.js";
import { isQuestion } from "../questions.js";
import type { CompiledVocabulary } from "../vocabulary.js";
import type { SentenceRef } from "./sentences.js";

// Verbs and constructions that state a fact about a capability or behaviour.
const ASSERTION =
  /\b(?:is|are|isn't|aren't|was|were|means|mean|does|doesn't|do|don't|can|can't|cannot|could|will|won't|would|gets?|goes|has|have|hasn't|haven't|includes?|lists?|supports?|requires?|needs?|runs?|launch(?:es)?|submits?|builds?|pushes|pulls|stores?|stays?|keeps?|encrypts?|obfuscates?|retries|retry|caches?|captures?|tracks?|counts?|throws?|renders?|defaults?|picks?|wins|tears|scales?|handles?|lets?|allows?|gives?|creates?|sends?|writes?|reads?|works?|ships?|comes?|lives?|executes?|schedules?|triggers?|resumes?|pauses?|fails?|crash(?:es)?|marks?|linked|billed|costs?|charges?|priced|depends? on|applies|shows? up|records?|reports?|holds?|offers?|provides?|included|available|supported|built[- ]in|out of the box|natively|only|always|never|automatically|by default)\b/i;

// Openings of offers, plans, social talk and discovery: not claims on their own.
const NON_CLAIM_OPENING =
  /^(?:(?:so|and|but|okay|ok|great|sure|perfect|right|well|yes|yeah|yep|no|absolutely|totally|of course|understood|got it|fair enough|fair|noted|agreed|exactly|definitely|certainly|will do),?\s+)?(?:hi|hello|hey|thanks|thank you|morning|afternoon|good (?:morning|afternoon|evening)|welcome|nice to|great to|sounds good|let's|let me|i'll|i will|we'll|we will|i'd (?:rather|love|like|suggest)|i would (?:rather|love|like)|i'm happy to|i am happy to|happy to|(?:i|we) can (?:also |then |just |quickly )?(?:send|share|set|put|get|follow|schedule|walk|show|demo|loop|introduce|book|arrange|help)|would it help|should we|shall we|feel free|no worries|small correction|good question|great question)\b/i;

// "you'd/we'd/I'd" + plan verbs, "send/share/invite/email": logistics, whatever the product words.
const LOGISTICS =
  /\b(?:send (?:over|you)|share (?:the|a) (?:deck|recording|link)|calendar|invite|follow[- ]up (?:email|call)|recording|next (?:week|call|meeting))\b/i;

// Scene-setting words that may precede an opening: "Today I'd like to…", "First, let me…".
const LEAD_IN =
  /^(?:(?:so|and|but|okay|ok|now|today|first|first of all|next|then|also|quickly|before we (?:start|wrap up|dive in)|to (?:start|begin)|for (?:today|the rest of the call)),?\s+)+/i;

// Reporting what someone asked or said: "Tariq asked whether flows can wait…" sets up an answer.
const REPORTED_SPEECH =
  /^(?:\S+\s+){0,3}?(?:asked|was asking|wondered|mentioned|wanted to know|raised)\s+(?:whether|if|how|about|what|why|when|where)\b/i;

// Introductions ("I'm Dana from Prefect, and Sam … is with me") name the product without saying
// anything about it.
const SELF_INTRODUCTION =
  /^(?:(?:hi|hey|hello)(?: (?:all|everyone|folks|there))?,?\s+)?(?:i'm|i am|this is|my name is)\s+\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)?,?\s+(?:from|with|at|on|here|and|i\b|i'm|leading|heading|running)/iu;

const MIN_WORDS = 6;

export function isProductClaim(
  sentence: string,
  vocabulary: CompiledVocabulary,
): { claim: boolean; terms: string[] } {
  const text = sentence.trim();
  const terms = vocabulary.match(text);
  if (text.split(/\s+/).length < MIN_WORDS || isQuestion(text)) return { claim: false, terms };
  if (!terms.length || !ASSERTION.test(text)) return { claim: false, terms };
  if (REPORTED_SPEECH.test(text) || SELF_INTRODUCTION.test(text)) return { claim: false, terms };
  if (LOGISTICS.test(text) && terms.length < 3) return { claim: false, terms };
  if (NON_CLAIM_OPENING.test(text) || NON_CLAIM_OPENING.test(text.replace(LEAD_IN, ""))) {
    // An opener followed by a relative clause or second clause about the product still asserts it.
    const rest = text
      .split(/,\s+(?:whose|which|so|because|since)\s+/i)
      .slice(1)
      .join(" ");
    if (!rest || !vocabulary.match(rest).length || !ASSERTION.test(rest)) return { claim: false, terms };
  }
  return { claim: true, terms };
}

export function findClaims(sentences: SentenceRef[], vocabulary: CompiledVocabulary): ClaimMoment[] {
  const claims: ClaimMoment[] = [];
  for (const s of sentences) {
    if (s.side !== "internal") continue;
    const { claim, terms } = isProductClaim(s.text, vocabulary);
    if (claim) claims.push({ ...s, kind: "claim", topic: vocabulary.topic(s.text) ?? topicOf(terms) });
  }
  return claims;
}

/** Fallback when the vocabulary names no topic: the first matched term. */
function topicOf(terms: string[]): string {
  return (terms[0] ?? "product").toLowerCase();
}
