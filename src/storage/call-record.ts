/**
 * What the call store keeps of a parsed call: its header, its participants with their talk time,
 * the call model as JSON and its words for the search index. A worker thread builds it from the
 * `Call` it parsed and sends only this to the main thread, which stores it: the object graph of
 * a 10 MB transcript never crosses threads (issue 12). Its two large parts are UTF-8 bytes, not
 * strings, so a worker can transfer them (`transferables`) instead of copying them, and the main
 * thread hands them to SQLite without ever building 36 MB of JavaScript strings.
 */
import type { Call, Participant, TranscriptFormat } from "../model/call.js";

export interface CallRecord {
  id: string;
  title: string;
  started_at: string | null;
  duration_s: number;
  format: TranscriptFormat;
  participants: Array<Pick<Participant, "name" | "email" | "title" | "side"> & { talk_s: number }>;
  /** The call model as JSON (UTF-8), as stored and served back by `getCallModel`, without the local file path. */
  json: Uint8Array;
  /** Every utterance's text, one a line (UTF-8): the body of the call search index. */
  text: Uint8Array;
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
    json: jsonBytes({ ...call, source: { ...call.source, path: null } }),
    text: joinedBytes(call.utterances.map((u) => u.text)),
  };
}

/**
 * `JSON.stringify(call)` as UTF-8, byte for byte, written one utterance at a time into one buffer
 * sized beforehand: the whole document never exists as one string (for a 10 MB transcript a 26 MB
 * string, plus the copies of building it, which stayed in the worker's heap).
 */
function jsonBytes(call: Call): Uint8Array {
  const pieces = function* (): Generator<string> {
    let first = true;
    yield "{";
    for (const [key, value] of Object.entries(call)) {
      if (value === undefined) continue;
      yield `${first ? "" : ","}${JSON.stringify(key)}:`;
      first = false;
      if (key !== "utterances") {
        yield JSON.stringify(value);
        continue;
      }
      yield "[";
      for (let i = 0; i < call.utterances.length; i++)
        yield `${i ? "," : ""}${JSON.stringify(call.utterances[i])}`;
      yield "]";
    }
    yield "}";
  };
  return writeAll(pieces);
}

/** Lines joined by "\n", as UTF-8, without the joined string. */
function joinedBytes(lines: string[]): Uint8Array {
  return writeAll(function* () {
    for (let i = 0; i < lines.length; i++) yield i ? `\n${lines[i]}` : lines[i]!;
  });
}

/** Two passes over the pieces (measure, then write), so the buffer is allocated once. */
function writeAll(pieces: () => Iterable<string>): Uint8Array {
  let size = 0;
  for (const p of pieces()) size += Buffer.byteLength(p);
  // Its own ArrayBuffer (never Node's shared pool), so it can be transferred.
  const out = Buffer.from(new ArrayBuffer(size));
  let at = 0;
  for (const p of pieces()) at += out.write(p, at);
  return out;
}

/** The buffers to move, not copy, when the record is posted to another thread. */
export function transferables(record: CallRecord): ArrayBuffer[] {
  return [record.json.buffer as ArrayBuffer, record.text.buffer as ArrayBuffer];
}

/** A view SQLite binds as a blob (better-sqlite3 takes Buffers); no copy. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
