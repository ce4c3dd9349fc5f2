/** Iterates over every sentence of a call with its speaker, side and position. */
import type { Call, Side } from "../../model/call.js";
import type { MomentBase } from "../../model/moments.js";

export interface SentenceRef extends MomentBase {}

export function sentencesOf(call: Call): SentenceRef[] {
  const byId = new Map(call.participants.map((p) => [p.id, p] as const));
  const out: SentenceRef[] = [];
  for (const u of call.utterances) {
    const p = byId.get(u.speakerId);
    const side: Side = p?.side ?? "unknown";
    u.sentences.forEach((s, sentenceIndex) => {
      out.push({
        speakerId: u.speakerId,
        speaker: p?.name ?? u.speakerId,
        side,
        start_s: s.start_s,
        text: s.text,
        utteranceIndex: u.index,
        sentenceIndex,
      });
    });
  }
  return out;
}
