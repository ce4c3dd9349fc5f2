/**
 * Conversation metrics in the conventions of conversation-intelligence tools (Gong, Chorus).
 * Definitions (the README's "Conversation metrics" section repeats them with examples):
 * - talk_ratio_internal: internal speaking time ÷ (internal + external speaking time). Speaking
 *   time is the sum of utterance durations (end − start); speakers of unknown side are left out.
 * - longest_monologue_s: the longest stretch in which one internal speaker holds the floor, from
 *   the start of its first utterance to the end of its last, less any silence longer than
 *   MAX_PAUSE_S inside it (silence is not talk: a caption an hour after the last one must not make
 *   an hour-long monologue). Another speaker ends the stretch, except a backchannel: a short
 *   acknowledgement (at most 3 words, at most 2 s, not a question, like "Mm-hmm." or "Right.")
 *   after which the same speaker carries on.
 * - longest_customer_story_s: the same for external speakers.
 * - interactivity: speaker switches per minute, over the time from the first utterance's start
 *   to the last utterance's end. A switch is a change of speaker between consecutive utterances
 *   (backchannels included: they are participation).
 * - patience_s: the average pause between the end of an external utterance and the start of the
 *   internal utterance that follows it; an interruption (the rep starts before the customer ends)
 *   counts as 0; a backchannel inside the rep's own stretch is not a customer turn and is skipped.
 * - questions_internal / questions_external: question sentences spoken by each side.
 */
import type { Call, Side, Utterance } from "../model/call.js";
import type { ConversationMetrics } from "../model/moments.js";
import { round } from "../text/numbers.js";
import { isQuestion } from "./questions.js";

const BACKCHANNEL_MAX_WORDS = 3;
const BACKCHANNEL_MAX_S = 2;
/** A pause up to this long inside a stretch is part of it; a longer silence is not talk. */
const MAX_PAUSE_S = 1.5;

export function computeMetrics(call: Call): ConversationMetrics {
  const sideOf = new Map(call.participants.map((p) => [p.id, p.side] as const));
  const side = (speakerId: string): Side => sideOf.get(speakerId) ?? "unknown";
  const utterances = call.utterances;

  let internalTime = 0;
  let externalTime = 0;
  for (const u of utterances) {
    const d = Math.max(0, u.end_s - u.start_s);
    if (side(u.speakerId) === "internal") internalTime += d;
    else if (side(u.speakerId) === "external") externalTime += d;
  }

  // A backchannel between two utterances of the same speaker does not end that speaker's stretch.
  const isInnerBackchannel = (i: number) => {
    const prev = utterances[i - 1];
    const next = utterances[i + 1];
    const u = utterances[i]!;
    return (
      prev !== undefined &&
      next !== undefined &&
      prev.speakerId === next.speakerId &&
      prev.speakerId !== u.speakerId &&
      isBackchannel(u)
    );
  };

  const longest: Record<"internal" | "external", number> = { internal: 0, external: 0 };
  let run: { speakerId: string; length: number } | null = null;
  let lastEnd = Number.NEGATIVE_INFINITY;
  // Speech (and short pauses) added to the current stretch by utterance u.
  const extend = (u: Utterance) => {
    const silence = u.start_s - lastEnd;
    const pause = silence > 0 && silence <= MAX_PAUSE_S ? silence : 0;
    return pause + Math.max(0, u.end_s - Math.max(u.start_s, lastEnd));
  };
  for (let i = 0; i < utterances.length; i++) {
    const u = utterances[i]!;
    if (isInnerBackchannel(i)) {
      if (run) run.length += extend(u);
    } else {
      if (run && run.speakerId === u.speakerId) run.length += extend(u);
      else run = { speakerId: u.speakerId, length: Math.max(0, u.end_s - u.start_s) };
      const s = side(u.speakerId);
      if (s === "internal" || s === "external") longest[s] = Math.max(longest[s], run.length);
    }
    lastEnd = Math.max(lastEnd, u.end_s);
  }

  let switches = 0;
  let pauses = 0;
  let pauseTotal = 0;
  for (let i = 1; i < utterances.length; i++) {
    const prev = utterances[i - 1]!;
    const u = utterances[i]!;
    if (prev.speakerId !== u.speakerId) switches++;
    if (
      side(prev.speakerId) === "external" &&
      side(u.speakerId) === "internal" &&
      !isInnerBackchannel(i - 1)
    ) {
      pauses++;
      pauseTotal += Math.max(0, u.start_s - prev.end_s);
    }
  }
  const first = utterances[0];
  const spanMinutes = first ? (Math.max(...utterances.map((u) => u.end_s)) - first.start_s) / 60 : 0;

  let questionsInternal = 0;
  let questionsExternal = 0;
  for (const u of utterances) {
    const s = side(u.speakerId);
    for (const sentence of u.sentences) {
      if (!isQuestion(sentence.text)) continue;
      if (s === "internal") questionsInternal++;
      else if (s === "external") questionsExternal++;
    }
  }

  const talked = internalTime + externalTime;
  return {
    talk_ratio_internal: talked > 0 ? round(internalTime / talked, 3) : 0,
    longest_monologue_s: round(longest.internal, 1),
    longest_customer_story_s: round(longest.external, 1),
    interactivity: spanMinutes > 0 ? round(switches / spanMinutes, 2) : 0,
    patience_s: pauses ? round(pauseTotal / pauses, 2) : 0,
    questions_internal: questionsInternal,
    questions_external: questionsExternal,
  };
}

/** "Mm-hmm.", "Right, okay.", "Got it.": short, not a question. */
export function isBackchannel(u: Utterance): boolean {
  const words = u.text.split(/\s+/).filter(Boolean).length;
  return words <= BACKCHANNEL_MAX_WORDS && u.end_s - u.start_s <= BACKCHANNEL_MAX_S && !/\?/.test(u.text);
}
