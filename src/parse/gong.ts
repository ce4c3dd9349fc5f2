/**
 * Gong exports: the `/v2/calls/extensive` response (call metadata and parties) merged with the
 * `/v2/calls/transcript` response (monologues of sentences, times in milliseconds). The two
 * responses may also come as separate documents (`parseGongDocuments`).
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Call, Participant, Side } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { boundedArray } from "./bounded.js";
import { MAX_SEGMENTS, MAX_SPEAKERS } from "./limits.js";

const party = z.object({
  speakerId: z.union([z.string(), z.number()]).optional().nullable(),
  name: z.string().optional().nullable(),
  emailAddress: z.string().optional().nullable(),
  title: z.string().optional().nullable(),
  affiliation: z.string().optional().nullable(),
});

const extensiveCall = z.object({
  metaData: z
    .object({
      id: z.union([z.string(), z.number()]).optional(),
      title: z.string().optional().nullable(),
      // Real responses give ISO 8601; Gong's documented example gives epoch seconds.
      started: z.union([z.string(), z.number()]).optional().nullable(),
      duration: z.number().optional().nullable(),
      url: z.string().optional().nullable(),
    })
    .optional(),
  parties: boundedArray(party, MAX_SPEAKERS, "parties").optional(),
});

const sentence = z.object({
  start: z.number().nonnegative(),
  end: z.number().nonnegative(),
  text: z.string(),
});
const monologue = z.object({
  speakerId: z.union([z.string(), z.number()]),
  topic: z.string().optional().nullable(),
  sentences: boundedArray(sentence, MAX_SEGMENTS, "sentences"),
});
const callTranscript = z.object({
  callId: z.union([z.string(), z.number()]).optional(),
  transcript: boundedArray(monologue, MAX_SEGMENTS, "monologues"),
});

// Arrays are validated entry by entry and stop at the first invalid one (see bounded.ts).
export const gongDocument = z.object({
  calls: boundedArray(extensiveCall, MAX_SEGMENTS, "calls").optional(),
  callTranscripts: boundedArray(callTranscript, MAX_SEGMENTS, "call transcripts").optional(),
});
export type GongDocument = z.infer<typeof gongDocument>;

export function isGongDocument(value: unknown): boolean {
  return typeof value === "object" && value !== null && ("callTranscripts" in value || "calls" in value);
}

export function hasGongTranscript(value: unknown): boolean {
  return typeof value === "object" && value !== null && "callTranscripts" in value;
}

export interface GongParseOptions {
  /** Which call to read when the export holds several. */
  callId?: string | null;
  /** File of the `/v2/calls/extensive` response when it came separately, for messages. */
  extensiveFile?: string | null;
}

/** Parses a merged export, or the two responses given separately (`extensiveDoc` null when merged). */
export function parseGongDocuments(
  transcriptDoc: unknown,
  extensiveDoc: unknown | null,
  file: string | null,
  hints: SideHints,
  options: GongParseOptions = {},
): Call {
  const extensiveFile = options.extensiveFile ?? file;
  const transcript = validate(transcriptDoc, file);
  const extensive = extensiveDoc === null ? transcript : validate(extensiveDoc, extensiveFile);
  const { ct, index: ctIndex } = pickTranscript(transcript, file, options.callId ?? null);
  const callId = ct.callId ?? options.callId ?? null;
  const picked = pickExtensiveCall(extensive, callId === null ? null : String(callId), extensiveFile);
  const meta = picked?.call.metaData;
  const parties = picked?.call.parties ?? [];
  const partiesField = picked ? `calls[${picked.index}].parties` : "calls";
  const warnings: string[] = [];

  const participants: Participant[] = [];
  const bySpeaker = new Map<string, Participant>();
  parties.forEach((p, i) => {
    if (p.speakerId == null) return; // invitees who never spoke
    const id = String(p.speakerId);
    if (bySpeaker.has(id)) return;
    const participant: Participant = {
      id,
      name: p.name?.trim() || p.emailAddress?.trim() || `Speaker ${bySpeaker.size + 1}`,
      email: p.emailAddress?.trim() || null,
      title: p.title?.trim() || null,
      side: affiliationSide(p.affiliation, extensiveFile, `${partiesField}[${i}].affiliation`),
    };
    participants.push(participant);
    bySpeaker.set(id, participant);
  });

  const field = `callTranscripts[${ctIndex}].transcript`;
  const haveParties = participants.length > 0;
  if (haveParties && ct.transcript.length && !ct.transcript.some((m) => bySpeaker.has(String(m.speakerId)))) {
    // Not one speaker matches: the transcript and the parties are from different calls.
    throw new InputError(
      `no speakerId in the transcript matches the call's parties (first: ${String(ct.transcript[0]!.speakerId)}); are the transcript and the call record from the same call?`,
      { file, field: `${field}[0].speakerId` },
    );
  }

  const unknownSpeakers = new Map<string, { participant: Participant; monologues: number; first: number }>();
  let clamped = 0;
  const segments: Segment[] = [];
  ct.transcript.forEach((m, mi) => {
    const key = String(m.speakerId);
    let speaker = bySpeaker.get(key);
    if (!speaker) {
      // Gong leaves some voices unmatched (a dial-in, a shared room mic). Keep their speech, but
      // with side unknown: guessing would put words in the rep's mouth.
      speaker = {
        id: key,
        name: `Unknown speaker ${unknownSpeakers.size + 1}`,
        email: null,
        title: null,
        side: "unknown",
      };
      participants.push(speaker);
      bySpeaker.set(key, speaker);
      unknownSpeakers.set(key, { participant: speaker, monologues: 0, first: mi });
    }
    const unknown = unknownSpeakers.get(key);
    if (unknown) unknown.monologues++;
    const sentences = m.sentences
      .map((s) => {
        let end = s.end;
        if (end < s.start) {
          end = s.start;
          clamped++;
        }
        return { text: s.text.replace(/\s+/g, " ").trim(), start_s: s.start / 1000, end_s: end / 1000 };
      })
      .filter((s) => s.text);
    if (!sentences.length) return;
    segments.push({
      speaker: speaker.name,
      speakerKey: key,
      start_s: sentences[0]!.start_s,
      end_s: Math.max(...sentences.map((s) => s.end_s)),
      text: sentences.map((s) => s.text).join(" "),
      sentences,
      ...(m.topic ? { topic: m.topic } : {}),
    });
  });
  for (const [key, u] of unknownSpeakers) {
    warnings.push(
      haveParties
        ? `speakerId ${key} (${field}[${u.first}]) is not among the call's parties; its ${u.monologues} monologue(s) are kept as "${u.participant.name}" with side unknown`
        : `no call record (calls[].parties): speakerId ${key} is "${u.participant.name}"; pass --internal or the /v2/calls/extensive file to set sides`,
    );
  }
  if (clamped)
    warnings.push(`${clamped} sentence(s) ended before they started; their end was set to their start`);
  if (!segments.length)
    throw new InputError("the Gong transcript has no sentences with text", { file, field });

  const call = assembleCall({
    segments,
    format: "gong",
    file,
    timing: "source",
    id: String(meta?.id ?? ct.callId ?? ""),
    title: meta?.title ?? "",
    started_at: startedAt(meta?.started, extensiveFile),
    duration_s: meta?.duration ?? 0,
    participants,
    hints,
    mergeSameSpeaker: false,
  });
  call.warnings.unshift(...warnings);
  // The link back to the call in Gong; only a web address is kept (it becomes a link in reports).
  if (meta?.url && /^https?:\/\/[^\s<>"]+$/i.test(meta.url.trim())) call.url = meta.url.trim();
  return call;
}

function pickTranscript(
  doc: GongDocument,
  file: string | null,
  callId: string | null,
): { ct: z.infer<typeof callTranscript>; index: number } {
  const all = doc.callTranscripts ?? [];
  if (!all.length)
    throw new InputError("Gong export has no callTranscripts (the /v2/calls/transcript response)", {
      file,
      field: "callTranscripts",
    });
  if (callId !== null) {
    const index = all.findIndex((c) => String(c.callId) === callId);
    if (index < 0)
      throw new InputError(
        `no transcript for call id ${callId} (ids here: ${listIds(all.map((c) => c.callId))})`,
        {
          file,
          field: "callTranscripts",
        },
      );
    return { ct: all[index]!, index };
  }
  if (all.length > 1)
    throw new InputError(
      `the export holds ${all.length} calls (${listIds(all.map((c) => c.callId))}); choose one with --call-id`,
      { file, field: "callTranscripts" },
    );
  return { ct: all[0]!, index: 0 };
}

function pickExtensiveCall(
  doc: GongDocument,
  callId: string | null,
  file: string | null,
): { call: z.infer<typeof extensiveCall>; index: number } | null {
  const calls = doc.calls ?? [];
  if (!calls.length) return null;
  const index = callId === null ? -1 : calls.findIndex((c) => String(c.metaData?.id) === callId);
  if (index >= 0) return { call: calls[index]!, index };
  const onlyId = calls.length === 1 ? calls[0]!.metaData?.id : undefined;
  if (callId !== null && (calls.length > 1 || onlyId !== undefined)) {
    throw new InputError(
      `the call record is for call ${listIds(calls.map((c) => c.metaData?.id))} but the transcript is for call ${callId}`,
      { file, field: "calls[].metaData.id" },
    );
  }
  if (calls.length > 1)
    throw new InputError(`the export holds ${calls.length} call records; choose one with --call-id`, {
      file,
      field: "calls",
    });
  return { call: calls[0]!, index: 0 };
}

/**
 * ISO text as given; a number is epoch time, in seconds as in Gong's documented example, or in
 * milliseconds when it is too large to be seconds (after the year 5138).
 */
function startedAt(value: string | number | null | undefined, file: string | null): string | null {
  if (value == null || value === "") return null;
  if (typeof value === "string") return value;
  const ms = value > 1e11 ? value : value * 1000;
  const date = new Date(ms);
  if (!Number.isFinite(value) || value < 0 || Number.isNaN(date.getTime()))
    throw new InputError(`metaData.started must be an ISO date or epoch seconds, got ${value}`, {
      file,
      field: "calls[].metaData.started",
    });
  return date.toISOString().replace(/\.000Z$/, "Z");
}

function listIds(ids: (string | number | undefined)[]): string {
  const shown = ids.slice(0, 5).map((id) => (id === undefined ? "no id" : String(id)));
  return ids.length > 5 ? `${shown.join(", ")}, …` : shown.join(", ");
}

function affiliationSide(value: string | null | undefined, file: string | null, field: string): Side {
  if (value == null) return "unknown";
  const v = value.toLowerCase();
  if (v === "internal") return "internal";
  if (v === "external") return "external";
  if (v === "unknown") return "unknown";
  throw new InputError(`affiliation must be Internal, External or Unknown, got "${value}"`, { file, field });
}

function validate(doc: unknown, file: string | null): GongDocument {
  const result = gongDocument.safeParse(doc);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new InputError(`invalid Gong export: ${issue.message}`, { file, field: formatPath(issue.path) });
}

export function formatPath(path: PropertyKey[]): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : `${i ? "." : ""}${String(p)}`)).join("");
}
