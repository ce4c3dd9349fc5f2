/**
 * What the call store keeps of a parsed call: its header, its participants with their talk time,
 * the call model as JSON and its words for the search index. A worker thread builds it from the
 * `Call` it parsed and sends only this (a few strings) to the main thread, which stores it: the
 * object graph of a 10 MB transcript never crosses threads (issue 12).
 */
import type { Call, Participant, TranscriptFormat } from "../model/call.js";

export interface CallRecord {
  id: string;
  title: string;
  started_at: string | null;
  duration_s: number;
  format: TranscriptFormat;
  participants: Array<Pick<Participant, "name" | "email" | "title" | "side"> & { talk_s: number }>;
  /** The call model as stored (and served back by `getCallModel`), without the local file path. */
  json: string;
  /** Every utterance's text, one a line: the body of the call search index. */
  text: string;
}

export function toCallRecord(call: Call): CallRecord {
  const talk = new Map<string, number>();
  for (const u of call.utterances)
    talk.set(u.speakerId, (talk.get(u.speakerId) ?? 0) + Math.max(0, u.end_s - u.start_s));
  return {
    id: call.id,
    title: call.title,
    started_at: call.started_at,
    duration_s: call.duration_s,
    format: call.source.format,
    participants: call.participants.map((p) => ({
      name: p.name,
      email: p.email,
      title: p.title,
      side: p.side,
      talk_s: talk.get(p.id) ?? 0,
    })),
    json: JSON.stringify({ ...call, source: { ...call.source, path: null } }),
    text: call.utterances.map((u) => u.text).join("\n"),
  };
}
