/**
 * Gong exports: the `/v2/calls/extensive` response (call metadata and parties) merged with the
 * `/v2/calls/transcript` response (monologues of sentences, times in milliseconds). The two
 * responses may also come as separate documents (`parseGongDocuments`).
 */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Call, Participant, Side } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";

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
      started: z.string().optional().nullable(),
      duration: z.number().optional().nullable(),
    })
    .optional(),
  parties: z.array(party).optional(),
});

const sentence = z.object({ start: z.number(), end: z.number(), text: z.string() });
const monologue = z.object({
  speakerId: z.union([z.string(), z.number()]),
  topic: z.string().optional().nullable(),
  sentences: z.array(sentence),
});
const callTranscript = z.object({
  callId: z.union([z.string(), z.number()]).optional(),
  transcript: z.array(monologue),
});

export const gongDocument = z.object({
  calls: z.array(extensiveCall).optional(),
  callTranscripts: z.array(callTranscript).optional(),
});
export type GongDocument = z.infer<typeof gongDocument>;

export function isGongDocument(value: unknown): boolean {
  return typeof value === "object" && value !== null && ("callTranscripts" in value || "calls" in value);
}

/** Parses a merged export, or the two responses given separately (`extensive` may be null). */
export function parseGongDocuments(
  transcriptDoc: unknown,
  extensiveDoc: unknown | null,
  file: string | null,
  hints: SideHints,
): Call {
  const transcript = validate(transcriptDoc, file);
  const extensive = extensiveDoc === null ? transcript : validate(extensiveDoc, file);
  const ct = transcript.callTranscripts?.[0];
  if (!ct)
    throw new InputError("Gong export has no callTranscripts (the /v2/calls/transcript response)", {
      file,
      field: "callTranscripts",
    });
  const meta = extensive.calls?.[0]?.metaData;
  const parties = extensive.calls?.[0]?.parties ?? [];

  const participants: Participant[] = [];
  const bySpeaker = new Map<string, Participant>();
  parties.forEach((p, i) => {
    if (p.speakerId == null) return; // invitees who never spoke
    const id = String(p.speakerId);
    const participant: Participant = {
      id,
      name: p.name?.trim() || `Speaker ${id}`,
      email: p.emailAddress?.trim() || null,
      title: p.title?.trim() || null,
      side: affiliationSide(p.affiliation, file, `calls[0].parties[${i}].affiliation`),
    };
    participants.push(participant);
    bySpeaker.set(id, participant);
  });

  const haveParties = participants.length > 0;
  const segments: Segment[] = [];
  ct.transcript.forEach((m, mi) => {
    const key = String(m.speakerId);
    let speaker = bySpeaker.get(key);
    if (!speaker) {
      // With a parties list, an unknown speaker means the two responses don't belong together:
      // guessing a side would mislabel claims, so refuse. Without parties, speakers are anonymous.
      if (haveParties) {
        throw new InputError(`speakerId ${key} is not among the call's parties`, {
          file,
          field: `callTranscripts[0].transcript[${mi}].speakerId`,
        });
      }
      speaker = { id: key, name: `Speaker ${key}`, email: null, title: null, side: "unknown" };
      participants.push(speaker);
      bySpeaker.set(key, speaker);
    }
    if (!m.sentences.length) return;
    const sentences = m.sentences.map((s, si) => {
      if (s.end < s.start) {
        throw new InputError(`sentence ends (${s.end} ms) before it starts (${s.start} ms)`, {
          file,
          field: `callTranscripts[0].transcript[${mi}].sentences[${si}]`,
        });
      }
      return { text: s.text.replace(/\s+/g, " ").trim(), start_s: s.start / 1000, end_s: s.end / 1000 };
    });
    segments.push({
      speaker: speaker.name,
      speakerKey: key,
      start_s: sentences[0]!.start_s,
      end_s: sentences[sentences.length - 1]!.end_s,
      text: sentences.map((s) => s.text).join(" "),
      sentences,
      ...(m.topic ? { topic: m.topic } : {}),
    });
  });

  return assembleCall({
    segments,
    format: "gong",
    file,
    timing: "source",
    id: String(meta?.id ?? ct.callId ?? ""),
    title: meta?.title ?? "",
    started_at: meta?.started ?? null,
    duration_s: meta?.duration ?? 0,
    participants,
    hints,
    mergeSameSpeaker: false,
  });
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
