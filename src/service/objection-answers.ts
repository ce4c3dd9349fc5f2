/**
 * Was an objection answered on the call? Pure, deterministic, and defined precisely so managers
 * can trust the "left unanswered" insight:
 *
 * - The window is every sentence by an internal speaker that starts after the objection sentence
 *   and no later than RESPONSE_WINDOW_S seconds after it ended.
 * - A sentence in the window *answers* the objection when it is not a question, not a promise to
 *   answer later, and addresses it: at least two distinct terms (stemmed, synonyms folded) that it
 *   shares with the objection sentence or with the vocabulary of the objection's topic.
 * - A sentence *defers* when it promises an answer later ("I'll get back to you", "a written
 *   answer", "let me check with …").
 * - Status: `answered` when any sentence answers; else `deferred` when any defers; else
 *   `unanswered` (nobody on the team addressed it within the window). `unknown` when the call has
 *   no speaker known to be on the team (sides were not given), so no answer could be recognised.
 */
import { type SentenceRef, sentencesOf } from "../analyze/moments/sentences.js";
import { isQuestion } from "../analyze/questions.js";
import { memo } from "../memo.js";
import type { Call } from "../model/call.js";
import type { ObjectionReport } from "../model/report.js";
import { ENGLISH_LEXICON, type TermLexicon } from "../text/terms.js";

export type ObjectionStatus = "answered" | "deferred" | "unanswered" | "unknown";

export interface ObjectionAnswer {
  status: ObjectionStatus;
  /** The sentence that answered or deferred, when there is one. */
  response: { speaker: string; start_s: number; text: string } | null;
}

export const RESPONSE_WINDOW_S = 90;
const MIN_ADDRESSING_TERMS = 2;

const DEFERRAL =
  /\b(?:get back to (?:you|them)|come back to (?:you|that)|circle back|follow up (?:on|with)|check (?:with|on) (?:the|our|my)|find out|confirm (?:that|with|in writing)|(?:written|precise) answers?|in writing|rather (?:get|send) you|than guess|take (?:that|it) (?:back|offline)|loop in|don't know (?:off|offhand)|not sure off|look into (?:it|that))\b/i;

/** Words a real answer to an objection of each topic tends to use (stemmed like the rest). */
const TOPIC_VOCABULARY: Record<string, string> = {
  security:
    "secret credential encrypted encryption access permission rbac sso audit hybrid worker infrastructure storage code data vpc network compliance soc obfuscated",
  pricing: "price pricing plan cost tier seat workspace annual contract discount usage quote license free",
  "lock-in": "open source self-hosted server export api portable history data own",
  migration: "migrate migration guide port convert rewrite incremental step",
  scale: "limit rate concurrency batch scale throughput queue worker parallel",
  kubernetes: "kubernetes helm worker pod cluster job",
  reliability: "retry retries state crash availability uptime restart recover",
  support: "support sla response slack channel engineer",
  "missing-feature": "support feature integration",
  other: "",
};

// Stemmed once per lexicon (the product's folds some of these words together).
const topicTermsOf = memo(
  (lex: TermLexicon): Map<string, Set<string>> =>
    new Map(
      Object.entries(TOPIC_VOCABULARY).map(
        ([topic, words]) => [topic, new Set(lex.contentTerms(words))] as const,
      ),
    ),
);

/**
 * Every objection of a report, by its id. `lexicon` is the product profile's (its synonyms and
 * frequent words); the English one when none is given.
 */
export function classifyObjectionAnswers(
  call: Call,
  objections: Pick<ObjectionReport, "id" | "start_s" | "text" | "topic">[],
  lexicon: TermLexicon = ENGLISH_LEXICON,
): Map<string, ObjectionAnswer> {
  const sentences = sentencesOf(call);
  if (!call.participants.some((p) => p.side === "internal"))
    return new Map(objections.map((o) => [o.id, { status: "unknown", response: null }] as const));
  return new Map(
    objections.map((o) => [o.id, classifyObjectionAnswer(call, o, sentences, lexicon)] as const),
  );
}

export function classifyObjectionAnswer(
  call: Call,
  objection: Pick<ObjectionReport, "start_s" | "text" | "topic">,
  sentences: SentenceRef[] = sentencesOf(call),
  lex: TermLexicon = ENGLISH_LEXICON,
): ObjectionAnswer {
  const at = sentences.findIndex(
    (s) => s.text === objection.text && Math.abs(s.start_s - objection.start_s) < 0.5,
  );
  const own = at >= 0 ? sentences[at]! : null;
  const endOfObjection = own ? sentenceEnd(call, own.utteranceIndex, own.sentenceIndex) : objection.start_s;
  const objectionTerms = new Set(lex.contentTerms(objection.text).filter((t) => !lex.isWeak(t)));
  const vocabulary = topicTermsOf(lex).get(objection.topic) ?? new Set<string>();

  let deferral: ObjectionAnswer["response"] = null;
  const candidates = sentences.slice(at >= 0 ? at + 1 : 0);
  for (const s of candidates) {
    if (s.start_s <= objection.start_s) continue;
    if (s.start_s > endOfObjection + RESPONSE_WINDOW_S) break;
    if (s.side !== "internal") continue;
    const response = { speaker: s.speaker, start_s: s.start_s, text: s.text };
    if (DEFERRAL.test(s.text)) {
      deferral ??= response;
      continue;
    }
    if (isQuestion(s.text)) continue;
    const addressing = new Set<string>();
    for (const t of lex.contentTerms(s.text)) {
      if (lex.isWeak(t)) continue;
      if (objectionTerms.has(t) || vocabulary.has(t)) addressing.add(t);
    }
    if (addressing.size >= MIN_ADDRESSING_TERMS) return { status: "answered", response };
  }
  return deferral ? { status: "deferred", response: deferral } : { status: "unanswered", response: null };
}

function sentenceEnd(call: Call, utteranceIndex: number, sentenceIndex: number): number {
  const u = call.utterances.find((x) => x.index === utteranceIndex);
  return u?.sentences[sentenceIndex]?.end_s ?? u?.end_s ?? 0;
}
