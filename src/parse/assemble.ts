/**
 * Turns speaker segments from any format into the call model: merges consecutive segments of one
 * speaker into an utterance, repairs unordered or overlapping times (with a warning), assigns
 * participant ids and sides.
 */
import type { Call, Participant, Sentence, Timing, TranscriptFormat, Utterance } from "../model/call.js";
import { splitSentences } from "./sentences.js";

export interface Segment {
  speaker: string;
  start_s: number;
  end_s: number;
  text: string;
  /** Given by the source (Gong); otherwise split from text with times shared out by length. */
  sentences?: Sentence[];
  /** Source line (1-based) for messages. */
  line?: number;
  topic?: string;
  /** Identifies a speaker beyond the name (Gong speakerId). */
  speakerKey?: string;
}

export interface SideHints {
  internal?: string[];
  companyDomain?: string | null;
}

export interface AssembleInput {
  segments: Segment[];
  format: TranscriptFormat;
  file: string | null;
  timing: Timing;
  id?: string;
  title?: string;
  started_at?: string | null;
  duration_s?: number;
  /** Known participants (Gong parties) keyed by speakerKey or name. */
  participants?: Participant[];
  hints: SideHints;
  /** Merge consecutive segments of one speaker (cues) into one utterance. */
  mergeSameSpeaker: boolean;
}

/** Case-, accent- and spacing-insensitive form of a name: "José  Núñez" and "jose nunez" match. */
export const normalizeName = (name: string) =>
  name.normalize("NFKD").replace(/\p{M}/gu, "").normalize("NFKC").replace(/\s+/g, " ").trim().toLowerCase();

export function slug(name: string): string {
  return (
    normalizeName(name)
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "speaker"
  );
}

export function assembleCall(input: AssembleInput): Call {
  const warnings: string[] = [];
  const segments = input.segments.filter((s) => s.text.trim());
  if (!isSorted(segments)) {
    segments.sort((a, b) => a.start_s - b.start_s);
    warnings.push("segments were out of time order and have been sorted by start time");
  }
  let clamped = 0;
  for (const s of segments) {
    if (s.end_s < s.start_s) {
      s.end_s = s.start_s;
      clamped++;
    }
  }
  if (clamped)
    warnings.push(`${clamped} segment(s) ended before they started; their end was set to their start`);

  const participants = resolveParticipants(input, segments, warnings);
  const keyOf = (s: Segment) => s.speakerKey ?? normalizeName(s.speaker);
  const idByKey = new Map<string, string>();
  for (const p of participants) idByKey.set(p.id, p.id);
  for (const s of segments) {
    const key = keyOf(s);
    if (!idByKey.has(key)) {
      const match = participants.find((p) => normalizeName(p.name) === normalizeName(s.speaker));
      if (match) idByKey.set(key, match.id);
    }
  }

  const utterances: Utterance[] = [];
  let overlaps = 0;
  for (const seg of segments) {
    const speakerId = idByKey.get(keyOf(seg))!;
    const sentences = seg.sentences?.length ? seg.sentences : shareTimes(seg.text, seg.start_s, seg.end_s);
    const last = utterances[utterances.length - 1];
    if (last && last.speakerId !== speakerId && seg.start_s < last.end_s - 0.001) overlaps++;
    if (last && input.mergeSameSpeaker && last.speakerId === speakerId) {
      last.end_s = Math.max(last.end_s, seg.end_s);
      last.text = `${last.text} ${seg.text.trim()}`;
      last.sentences.push(...sentences);
      continue;
    }
    utterances.push({
      index: utterances.length,
      speakerId,
      start_s: seg.start_s,
      end_s: seg.end_s,
      text: seg.text.replace(/\s+/g, " ").trim(),
      sentences,
      ...(seg.topic ? { topic: seg.topic } : {}),
    });
  }
  if (overlaps)
    warnings.push(`${overlaps} utterance(s) overlap the previous speaker; kept as spoken (crosstalk)`);

  const speaking = new Set(utterances.map((u) => u.speakerId));
  if (speaking.size === 1) {
    warnings.push(
      "only one speaker in this call: talk ratio, patience and interactivity describe a monologue, not a conversation",
    );
  }
  const sides = new Set(participants.filter((p) => speaking.has(p.id)).map((p) => p.side));
  if (!sides.has("internal")) {
    warnings.push(
      'no speaker is known to be on your team: pass --internal "Name,Name" or set CALL_COACH_COMPANY_DOMAIN; without it no product claims are checked and the talk ratio is 0',
    );
  }
  const lastEnd = utterances.reduce((m, u) => Math.max(m, u.end_s), 0);
  return {
    id: input.id ?? "",
    title: input.title ?? "",
    started_at: input.started_at ?? null,
    duration_s: Math.max(input.duration_s ?? 0, lastEnd),
    participants: participants.filter((p) => speaking.has(p.id) || input.participants?.includes(p)),
    utterances,
    source: { format: input.format, path: input.file, timing: input.timing },
    warnings,
  };
}

function isSorted(segments: Segment[]): boolean {
  for (let i = 1; i < segments.length; i++) if (segments[i]!.start_s < segments[i - 1]!.start_s) return false;
  return true;
}

/** Cue-level times shared out over the cue's sentences in proportion to their length. */
export function shareTimes(text: string, start_s: number, end_s: number): Sentence[] {
  const parts = splitSentences(text);
  const total = parts.reduce((n, p) => n + p.length, 0) || 1;
  const span = Math.max(0, end_s - start_s);
  let t = start_s;
  return parts.map((text) => {
    const start = t;
    t += (span * text.length) / total;
    return { text, start_s: round3(start), end_s: round3(t) };
  });
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;

function resolveParticipants(input: AssembleInput, segments: Segment[], warnings: string[]): Participant[] {
  const participants: Participant[] = input.participants ? [...input.participants] : [];
  const known = new Set(participants.map((p) => normalizeName(p.name)));
  const usedIds = new Set(participants.map((p) => p.id));
  for (const s of segments) {
    const key = normalizeName(s.speaker);
    if (known.has(key)) continue;
    known.add(key);
    let id = slug(s.speaker);
    for (let n = 2; usedIds.has(id); n++) id = `${slug(s.speaker)}-${n}`;
    usedIds.add(id);
    participants.push({
      id,
      name: s.speaker.replace(/\s+/g, " ").trim(),
      email: null,
      title: null,
      side: "unknown",
    });
  }
  applySides(participants, input.hints, warnings);
  return participants;
}

/**
 * Sides from explicit names, then the company email domain; when any hint exists, everyone else
 * is the customer. A given name matches a speaker ignoring case, accents and spacing, or by first
 * name alone when exactly one speaker has that first name ("Ingrid" → "Ingrid Solberg").
 */
export function applySides(participants: Participant[], hints: SideHints, warnings: string[]): void {
  const given = new Map((hints.internal ?? []).map((n) => [normalizeName(n), n.trim()] as const));
  given.delete("");
  const internalIds = new Set<string>();
  for (const [name, original] of given) {
    let matches = participants.filter((p) => normalizeName(p.name) === name);
    if (!matches.length && !name.includes(" ")) {
      matches = participants.filter((p) => normalizeName(p.name).split(" ")[0] === name);
      if (matches.length > 1) {
        warnings.push(
          `--internal name "${original}" matches ${matches.length} speakers (${matches.map((p) => p.name).join(", ")}); give the full name`,
        );
        continue;
      }
    }
    if (!matches.length)
      warnings.push(`--internal name "${original}" does not match any speaker in the call`);
    for (const p of matches) internalIds.add(p.id);
  }
  const domain = hints.companyDomain?.toLowerCase() ?? null;
  const anyHint = given.size > 0 || domain !== null;
  for (const p of participants) {
    if (internalIds.has(p.id)) p.side = "internal";
    else if (p.side === "unknown" && domain && p.email)
      p.side = p.email.toLowerCase().endsWith(`@${domain}`) ? "internal" : "external";
    else if (p.side === "unknown" && anyHint) p.side = "external";
  }
}
