/** Call Coach's own JSON: the call model serialized (what `parse` produces), validated field by field. */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Call, Participant } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { boundedArray } from "./bounded.js";
import { formatPath } from "./gong.js";
import { MAX_SEGMENTS, MAX_SPEAKERS } from "./limits.js";

const time = z.number().finite().nonnegative();
const sentence = z.object({ text: z.string(), start_s: time, end_s: time });

const participant = z.object({
  id: z.string().min(1),
  name: z.string().min(1),
  email: z.string().nullable().default(null),
  title: z.string().nullable().default(null),
  side: z.enum(["internal", "external", "unknown"]).default("unknown"),
});
const utterance = z.object({
  speakerId: z.string(),
  start_s: time,
  end_s: time,
  text: z.string(),
  sentences: boundedArray(sentence, MAX_SEGMENTS, "sentences").optional(),
  topic: z.string().optional(),
});

// Arrays are validated entry by entry and stop at the first invalid one (see bounded.ts).
export const callSchema = z.object({
  id: z.string().default(""),
  title: z.string().default(""),
  started_at: z.string().nullable().default(null),
  duration_s: time.default(0),
  participants: boundedArray(participant, MAX_SPEAKERS, "participants").refine((a) => a.length > 0, {
    message: "at least one participant is needed",
  }),
  utterances: boundedArray(utterance, MAX_SEGMENTS, "utterances").refine((a) => a.length > 0, {
    message: "at least one utterance is needed",
  }),
});

export function isCallJson(value: unknown): boolean {
  return typeof value === "object" && value !== null && "utterances" in value && "participants" in value;
}

export function parseCallJson(doc: unknown, file: string | null, hints: SideHints): Call {
  const result = callSchema.safeParse(doc);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new InputError(`invalid Call Coach JSON: ${issue.message}`, {
      file,
      field: formatPath(issue.path),
    });
  }
  const data = result.data;
  const participants: Participant[] = [];
  const seen = new Set<string>();
  data.participants.forEach((p, i) => {
    if (seen.has(p.id))
      throw new InputError(`duplicate participant id "${p.id}"`, { file, field: `participants[${i}].id` });
    seen.add(p.id);
    participants.push({ ...p });
  });
  const byId = new Map(participants.map((p) => [p.id, p] as const));
  const segments: Segment[] = data.utterances.map((u, index) => {
    const speaker = byId.get(u.speakerId);
    if (!speaker) {
      throw new InputError(`speakerId "${u.speakerId}" is not a participant id`, {
        file,
        field: `utterances[${index}].speakerId`,
      });
    }
    return {
      speaker: speaker.name,
      speakerKey: speaker.id,
      start_s: u.start_s,
      end_s: u.end_s,
      text: u.text,
      ...(u.sentences?.length ? { sentences: u.sentences } : {}),
      ...(u.topic ? { topic: u.topic } : {}),
    };
  });
  return assembleCall({
    segments,
    format: "json",
    file,
    timing: "source",
    id: data.id,
    title: data.title,
    started_at: data.started_at,
    duration_s: data.duration_s,
    participants,
    hints,
    mergeSameSpeaker: false,
  });
}
