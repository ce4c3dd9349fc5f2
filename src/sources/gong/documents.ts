/**
 * One Gong call as the document Call Coach ingests: the `/v2/calls/extensive` record and the
 * `/v2/calls/transcript` entry merged into the shape of a Gong export (`calls` +
 * `callTranscripts`), which src/parse/gong.ts already reads. So a synced call and an uploaded
 * export go through one mapping (parties, affiliation, speakerId joins), and a synced call is
 * the same stored call as an upload of the same export (both keyed `gong:<call id>`).
 */
import { sha256 } from "../../service/versions.js";
import type { GongCallRecord, GongCallTranscript } from "./client.js";

/**
 * `metaData.started` as ISO-8601 UTC. Gong documents an ISO string with an offset
 * ("2026-01-05T10:00:00-08:00"); some exports and proxies give epoch seconds (or milliseconds).
 */
export function normalizeStarted(value: unknown): string | null {
  if (value == null || value === "") return null;
  if (typeof value === "number" || (typeof value === "string" && /^\d+(?:\.\d+)?$/.test(value.trim()))) {
    const n = Number(value);
    if (!Number.isFinite(n)) return null;
    // Seconds until the year 5138; larger values are milliseconds.
    const ms = n > 1e11 ? n : n * 1000;
    return new Date(ms).toISOString();
  }
  if (typeof value !== "string") return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function gongCallId(record: GongCallRecord): string {
  return String(record.metaData.id);
}

/** metaData.url when it is a web link; anything else is not shown as a link. */
export function callUrl(record: GongCallRecord): string | null {
  const url = record.metaData.url;
  return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
}

export interface CallDocument {
  bytes: Buffer;
  /** SHA-256 of `bytes`: the content hash that decides new, updated or unchanged. */
  hash: string;
}

/** Whether Gong has a transcript for the call yet (an absent entry or no monologues: not yet). */
export function hasTranscript(ct: GongCallTranscript | undefined): ct is GongCallTranscript {
  return !!ct && Array.isArray(ct.transcript) && ct.transcript.length > 0;
}

export function callDocument(record: GongCallRecord, transcript: GongCallTranscript): CallDocument {
  const started = normalizeStarted(record.metaData.started);
  const doc = {
    calls: [{ ...record, metaData: { ...record.metaData, started } }],
    callTranscripts: [{ callId: String(transcript.callId), transcript: transcript.transcript }],
  };
  const bytes = Buffer.from(JSON.stringify(doc), "utf8");
  return { bytes, hash: sha256(bytes) };
}
