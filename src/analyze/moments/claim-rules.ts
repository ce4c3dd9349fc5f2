/**
 * The claim rules: a sentence by an internal speaker that asserts what the product does, has,
 * supports, requires, costs, defaults to, or cannot do. A claim needs product vocabulary and an
 * assertion; questions, pleasantries and plans ("I'll send…", "let's…") are not claims, unless
 * they also carry an assertion about the product ("I'd use Secret blocks, whose values are
 * encrypted at rest"). A profile without a fitted claim classifier decides with these alone; with
 * one, what they say is among the classifier's features (claim-features.ts).
 */
import { isQuestion } from "../questions.js";
import type { CompiledVocabulary } from "../vocabulary.js";

// Verbs and constructions that state a fact about a capability or behaviour.
const ASSERTION =
  /\b(?:is|are|isn't|aren't|was|were|means|mean|does|doesn't|do|don't|can|can't|cannot|could|will|won't|would|gets?|goes|has|have|hasn't|haven't|includes?|lists?|supports?|requires?|needs?|runs?|launch(?:es)?|submits?|builds?|pushes|pulls|stores?|stays?|keeps?|encrypts?|obfuscates?|retries|retry|caches?|captures?|tracks?|counts?|throws?|renders?|defaults?|picks?|wins|tears|scales?|handles?|lets?|allows?|gives?|creates?|sends?|writes?|reads?|works?|ships?|comes?|lives?|executes?|schedules?|triggers?|resumes?|pauses?|fails?|crash(?:es)?|marks?|linked|billed|costs?|charges?|priced|depends? on|applies|shows? up|records?|reports?|holds?|offers?|provides?|recommends?|recommended|guarantees?|guaranteed|shares?|waits?|coordinates?|installs?|polls?|fires?|emits?|raises?|starts?|stops?|expires?|persists?|validates?|enforces?|restarts?|reruns?|spreads?|covers?|accepts?|rejects?|exposes?|generates?|deploys?|detects?|notifies|restricts?|inherits?|overrides?|replaces?|appears?|remains?|happens?|sits?|lands?|follows?|adjusts?|fills?|frees?|receives?|returns?|connects?|authenticates?|syncs?|scans?|expects?|wraps?|becomes?|skips?|isolates?|rotates?|they're|it'll|they'll|included|available|supported|built[- ]in|out of the box|natively|only|always|never|automatically|by default)\b/i;

// Openings of offers, plans, social talk and discovery: not claims on their own.
const NON_CLAIM_OPENING =
  /^(?:(?:so|and|but|okay|ok|great|sure|perfect|right|well|yes|yeah|yep|no|absolutely|totally|of course|understood|got it|fair enough|fair|noted|agreed|exactly|definitely|certainly|will do|then|now),?\s+)*(?:hi|hello|hey|thanks|thank you|morning|afternoon|good (?:morning|afternoon|evening)|welcome|nice to|great to|sounds good|let's|let me|i'll|i will|we'll|we will|i'd (?:rather|love|like|suggest)|i would (?:rather|love|like)|i'm happy to|i am happy to|happy to|(?:i|we) can (?:also |then |just |quickly )?(?:send|share|set|put|get|follow|schedule|walk|show|demo|loop|introduce|book|arrange|help)|would it help|should we|shall we|feel free|no worries|small correction|good question|great question)\b/i;

// "you'd/we'd/I'd" + plan verbs, "send/share/invite/email": logistics, whatever the product words.
const LOGISTICS =
  /\b(?:send (?:over|you)|share (?:the|a) (?:deck|recording|link)|calendar|invite|follow[- ]up (?:email|call)|recording|next (?:week|call|meeting|steps?)|pilot|trial|sandbox|proof of concept|working session|demo)\b/i;

// Scene-setting words that may precede an opening: "Today I'd like to…", "First, let me…".
const LEAD_IN =
  /^(?:(?:so|and|but|okay|ok|now|today|first|first of all|next|then|also|quickly|before we (?:start|wrap up|dive in)|to (?:start|begin)|for (?:today|the rest of the call)),?\s+)+/i;

// Reporting what someone asked or said: "Tariq asked whether flows can wait…" sets up an answer.
const REPORTED_SPEECH =
  /^(?:\S+\s+){0,3}?(?:asked|was asking|wondered|mentioned|wanted to know|raised)\s+(?:whether|if|how|about|what|why|when|where)\b/i;

// Introductions ("I'm Dana from Acme Cloud, and Sam … is with me") name the product without saying
// anything about it.
const SELF_INTRODUCTION =
  /^(?:(?:hi|hey|hello)(?: (?:all|everyone|folks|there))?,?\s+)?(?:i'm|i am|this is|my name is)\s+\p{Lu}[\p{L}'-]*(?:\s+\p{Lu}[\p{L}'-]*)?,?\s+(?:from|with|at|on|here|and|i\b|i'm|leading|heading|running)/iu;

// A promise in any clause ("…, I'll check and get back to you") makes the sentence logistics
// unless it is dense with product terms.
const COMMITMENT = /\b(?:i'll|we'll|i will|we will|let me|i'm going to|we're going to)\b/i;

// Introducing a colleague: "Yusuf from our solutions team is with me today, and he's done…".
const COLLEAGUE_INTRODUCTION =
  /\b(?:is|are|'s|'re)\s+(?:also\s+)?(?:with|joining)\s+(?:me|us)\b|\b(?:brought|have|got)\s+(?:along\s+)?\p{Lu}\p{L}+\s+(?:along\s+)?with (?:me|us)\b/iu;

// A recommendation that something fits ("… is worth a look", "… is a good fit for SLAs") says
// nothing the docs could confirm or contradict.
const FIT_JUDGEMENT =
  /\b(?:is|are|'s|'re)\s+(?:\w+\s+)?(?:worth (?:a look|considering|exploring|a try|trying)|(?:a|the)\s+(?:\w+\s+)?(?:fit|match|place to start|way to go)|meant for|made for)\b/i;

// Clauses after a comma that carry their own assertion: "I'd use Secret blocks, whose values…".
const SECOND_CLAUSE = /,\s+(?:whose|which|so|because|since|and|but)\s+/i;

// A subject that refers back to what was just discussed: "It installs…", "They coordinate…",
// "that's what we recommend…", "Each one…".
const ANAPHORIC_SUBJECT =
  /^(?:(?:yes|yeah|no|and|so|but|also|then|right|exactly|correct|plus|well|sure|true),?\s+)*(?:it|it's|its|they|they're|that|that's|this|these|those|there|there's|each(?: one)?|both|all of them|either|neither|the first|the second|the other|you can|you can't)\b/i;

// A quantitative fact: a limit, interval, default or price with a number ("up to seventy-two
// hours", "within five seconds", "every fifteen seconds", "three hundred dollars").
const NUMBER_WORD =
  "\\d[\\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|million|[\\w-]+-(?:one|two|three|four|five|six|seven|eight|nine)";
const QUANTITY = new RegExp(
  `\\b(?:${NUMBER_WORD})\\s+(?:[\\w-]+\\s+)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|dollars?|percent|gigabytes?|gb|mb|times|runs?|requests?|calls?|attempts?|retries|workspaces?|seats?|users?|tasks?|flows?|deployments?|slots?|vcpus?|cpus?)\\b`,
  "i",
);

export const MIN_WORDS = 6;

/** How far back (in sentences) a pronoun may find the product subject it refers to. */
export const CONTEXT_SENTENCES = 3;

export interface ClaimDecision {
  claim: boolean;
  terms: string[];
  /** Set when the product subject came from the sentences before this one. */
  fromContext?: boolean;
}

/**
 * Whether one sentence by an internal speaker is a product claim. `context` holds the sentences
 * just before it in the call (nearest first, any speaker): a sentence that names no product term
 * of its own ("They coordinate through Postgres…" after a question about the server) still makes
 * a claim when its subject refers back to a product subject there and it asserts a capability,
 * default or figure.
 */
export function isProductClaim(
  sentence: string,
  vocabulary: CompiledVocabulary,
  context: string[] = [],
): ClaimDecision {
  const text = sentence.trim();
  return decideClaim(text, vocabulary.match(text), () => carriedTerms(context, vocabulary), vocabulary);
}

/** Product terms named in the sentences just before (the subject a pronoun may refer back to). */
function carriedTerms(context: string[], vocabulary: CompiledVocabulary): string[] {
  return context.slice(0, CONTEXT_SENTENCES).flatMap((c) => vocabulary.match(c));
}

/** The rules, given the sentence's own terms and (read only when needed) those before it. */
function decideClaim(
  text: string,
  terms: string[],
  carriedOf: () => string[],
  vocabulary: CompiledVocabulary,
): ClaimDecision {
  const no = { claim: false, terms };
  if (text.split(/\s+/).length < MIN_WORDS || isQuestion(text)) return no;
  if (REPORTED_SPEECH.test(text) || SELF_INTRODUCTION.test(text) || COLLEAGUE_INTRODUCTION.test(text))
    return no;
  if ((LOGISTICS.test(text) || COMMITMENT.test(text)) && terms.length < 3) return no;
  const opener = NON_CLAIM_OPENING.test(text) || NON_CLAIM_OPENING.test(text.replace(LEAD_IN, ""));
  if (opener || FIT_JUDGEMENT.test(text)) {
    // An opener followed by a relative clause or second clause about the product still asserts it.
    const rest = text.split(SECOND_CLAUSE).slice(1).join(" ");
    if (
      !rest ||
      !vocabulary.match(rest).length ||
      !ASSERTION.test(rest) ||
      FIT_JUDGEMENT.test(rest) ||
      NON_CLAIM_OPENING.test(rest)
    )
      return no;
  }
  if (terms.length) return ASSERTION.test(text) ? { claim: true, terms } : no;
  // No product word of its own: the subject must point back at one named just before, and the
  // sentence must assert something checkable (a capability or behaviour verb, or a figure).
  const carried = carriedOf();
  if (!carried.length) return no;
  // The verb must follow the subject closely: "It installs…", "they're defined…", "that's what we
  // recommend…", not "That's a fair concern, and … is your call".
  const subject = ANAPHORIC_SUBJECT.exec(text);
  const predicate = subject
    ? text.slice(subject[0].length).split(/\s+/).slice(0, 5).join(" ").replace(COPULA_ONLY, "")
    : "";
  const refersBack =
    subject !== null && (/^'re\b/.test(text.slice(subject[0].length)) || ASSERTION.test(predicate));
  const statesFigure = QUANTITY.test(text) && ASSERTION.test(text);
  return refersBack || statesFigure ? { claim: true, terms: carried, fromContext: true } : no;
}

// "it's", "that's", "is" and "are" alone do not make a capability claim ("It's worth…",
// "That's a fair question"); a capability verb or modal must remain once they are removed.
const COPULA_ONLY = /\b(?:it's|that's|there's|they're|is|are|was|were)\b/gi;

/** What each rule says of a sentence: the claim classifier's structural features. */
export interface ClaimCues {
  /** The rules' decision (isProductClaim). */
  rules: boolean;
  /** The rules found the product subject in the sentences before. */
  fromContext: boolean;
  /** Product terms the sentence names itself. */
  terms: number;
  /** The sentences just before name a product term. */
  carried: boolean;
  assertion: boolean;
  quantity: boolean;
  question: boolean;
  anaphoric: boolean;
  opener: boolean;
  logistics: boolean;
  commitment: boolean;
  introduction: boolean;
  fitJudgement: boolean;
}

export function claimCues(sentence: string, vocabulary: CompiledVocabulary, context: string[]): ClaimCues {
  const text = sentence.trim();
  // Each sentence's terms are matched once; the rules and the features share them.
  const terms = vocabulary.match(text);
  const carried = carriedTerms(context, vocabulary);
  const decision = decideClaim(text, terms, () => carried, vocabulary);
  return {
    rules: decision.claim,
    fromContext: Boolean(decision.fromContext),
    terms: terms.length,
    carried: carried.length > 0,
    assertion: ASSERTION.test(text),
    quantity: QUANTITY.test(text),
    question: isQuestion(text),
    anaphoric: ANAPHORIC_SUBJECT.test(text),
    opener: NON_CLAIM_OPENING.test(text) || NON_CLAIM_OPENING.test(text.replace(LEAD_IN, "")),
    logistics: LOGISTICS.test(text),
    commitment: COMMITMENT.test(text),
    introduction:
      REPORTED_SPEECH.test(text) || SELF_INTRODUCTION.test(text) || COLLEAGUE_INTRODUCTION.test(text),
    fitJudgement: FIT_JUDGEMENT.test(text),
  };
}
