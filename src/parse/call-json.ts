/** Call Coach's own JSON: the call model serialized (what `parse` produces), validated field by field. */
import { z } from "zod";
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { applySides, type SideHints, shareTimes } from "./assemble.js";
import { formatPath } from "./gong.js";

const time = z.number().finite().nonnegative();
const sentence = z.object({ text: z.string(), start_s: time, end_s: time });

export const callSchema = z.object({
  id: z.string().default(""),
  title: z.string().default(""),
  started_at: z.string().nullable().default(null),
  duration_s: time.default(0),
  participants: z
    .array(
      z.object({
        id: z.string().min(1),
        name: z.string().min(1),
        email: z.string().nullable().default(null),
        title: z.string().nullable().default(null),
        side: z.enum(["internal", "external", "unknown"]).default("unknown"),
      }),
    )
    .min(1),
  utterances: z
    .array(
      z.object({
        speakerId: z.string(),
        start_s: time,
        end_s: time,
        text: z.string(),
        sentences: z.array(sentence).optional(),
        topic: z.string().optional(),
      }),
    )
    .min(1),
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
  const ids = new Set(data.participants.map((p) => p.id));
  const warnings: string[] = [];
  const utterances = data.utterances.map((u, index) => {
    if (!ids.has(u.speakerId)) {
      throw new InputError(`speakerId "${u.speakerId}" is not a participant id`, {
        file,
        field: `utterances[${index}].speakerId`,
      });
    }
    const sentences = u.sentences?.length ? u.sentences : shareTimes(u.text, u.start_s, u.end_s);
    return { ...u, index, sentences };
  });
  const participants = data.participants.map((p) => ({ ...p }));
  applySides(participants, hints, warnings);
  const lastEnd = utterances.reduce((m, u) => Math.max(m, u.end_s), 0);
  return {
    id: data.id,
    title: data.title,
    started_at: data.started_at,
    duration_s: Math.max(data.duration_s, lastEnd),
    participants,
    utterances,
    source: { format: "json", path: file, timing: "source" },
    warnings,
  };
}
