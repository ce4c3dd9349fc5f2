/**
 * Turns speaker segments from any format into the call model: merges consecutive segments of one
 * speaker into an utterance, repairs unordered or overlapping times (with a warning), assigns
 * participant ids and sides.
 */

import { InputError } from "../errors.js";
import type { Call, Participant, Sentence, Timing, TranscriptFormat, Utterance } from "../model/call.js";
import { formatCount, MAX_SEGMENTS, MAX_SPEAKERS } from "./limits.js";
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
  /**
   * Merge consecutive segments of one speaker into one utterance: "always" (estimated ends),
   * "timed" (caption cues: only across a short pause, see `joins`), or never.
   */
  mergeSameSpeaker: "always" | "timed" | false;
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
  if (input.segments.length > MAX_SEGMENTS) {
    throw new InputError(
      `${formatCount(input.segments.length)} speaker turns or captions; at most ${formatCount(MAX_SEGMENTS)} are accepted in one call`,
      { file: input.file },
    );
  }
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
  // Speakers resolve through maps keyed by normalized name, each name normalized once: a call with
  // 100,000 speakers costs 100,000 lookups, not 100,000 × participants comparisons.
  const names = new NameCache();
  const keyOf = (s: Segment) => s.speakerKey ?? names.normalize(s.speaker);
  const idByKey = new Map<string, string>();
  const idByName = new Map<string, string>();
  for (const p of participants) {
    idByKey.set(p.id, p.id);
    const name = names.normalize(p.name);
    if (!idByName.has(name)) idByName.set(name, p.id);
  }
  for (const s of segments) {
    const key = keyOf(s);
    if (!idByKey.has(key)) {
      const match = idByName.get(names.normalize(s.speaker));
      if (match) idByKey.set(key, match);
    }
  }

  const utterances: Utterance[] = [];
  // Texts of merged segments are joined once at the end: appending to a growing string per
  // segment is quadratic for a long monologue.
  const parts: string[][] = [];
  let overlaps = 0;
  for (const seg of segments) {
    const speakerId = idByKey.get(keyOf(seg))!;
    const sentences = seg.sentences?.length ? seg.sentences : shareTimes(seg.text, seg.start_s, seg.end_s);
    const last = utterances[utterances.length - 1];
    if (last && last.speakerId !== speakerId && seg.start_s < last.end_s - 0.001) overlaps++;
    if (last && last.speakerId === speakerId && joins(input.mergeSameSpeaker, last, seg)) {
      last.end_s = Math.max(last.end_s, seg.end_s);
      parts.at(-1)!.push(seg.text);
      for (const s of sentences) last.sentences.push(s);
      continue;
    }
    parts.push([seg.text]);
    utterances.push({
      index: utterances.length,
      speakerId,
      start_s: seg.start_s,
      end_s: seg.end_s,
      text: "",
      sentences,
      ...(seg.topic ? { topic: seg.topic } : {}),
    });
  }
  utterances.forEach((u, i) => {
    u.text = parts[i]!.join(" ").replace(/\s+/g, " ").trim();
  });
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
  const given = new Set(input.participants ?? []);
  const lastEnd = utterances.reduce((m, u) => Math.max(m, u.end_s), 0);
  return {
    id: input.id ?? "",
    title: input.title ?? "",
    started_at: input.started_at ?? null,
    duration_s: Math.max(input.duration_s ?? 0, lastEnd),
    participants: participants.filter((p) => speaking.has(p.id) || given.has(p)),
    utterances,
    source: { format: input.format, path: input.file, timing: input.timing },
    warnings,
  };
}

/** `normalizeName` memoized per distinct raw name: segments repeat the same few names thousands of times. */
class NameCache {
  private readonly cache = new Map<string, string>();
  normalize(name: string): string {
    let n = this.cache.get(name);
    if (n === undefined) {
      n = normalizeName(name);
      this.cache.set(name, n);
    }
    return n;
  }
}

/**
 * Whether a segment continues the previous utterance of the same speaker. Caption cues with real
 * times join only across a pause of at most MAX_JOIN_GAP_S: a longer silence is not talk, so it
 * must not be inside an utterance (talk time is the sum of utterance durations). Segments whose
 * ends were estimated (text transcripts) always join: their gaps are artefacts of the estimate.
 */
function joins(mode: AssembleInput["mergeSameSpeaker"], last: Utterance, seg: Segment): boolean {
  if (mode === false) return false;
  if (mode === "always") return true;
  return seg.start_s - last.end_s <= MAX_JOIN_GAP_S;
}

/** A breath between two captions of one speaker; Teams and Zoom leave 0–1 s between them. */
export const MAX_JOIN_GAP_S = 1.5;

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
  const names = new NameCache();
  const known = new Set(participants.map((p) => names.normalize(p.name)));
  const usedIds = new Set(participants.map((p) => p.id));
  const nextSuffix = new Map<string, number>();
  for (const s of segments) {
    const key = names.normalize(s.speaker);
    if (known.has(key)) continue;
    known.add(key);
    if (known.size > MAX_SPEAKERS) {
      throw new InputError(
        `more than ${formatCount(MAX_SPEAKERS)} distinct speakers; a call with that many is not a conversation to coach`,
        { file: input.file, line: s.line ?? null },
      );
    }
    const base = slug(s.speaker);
    let id = base;
    // Next free suffix per base: many names sharing one slug ("Ana!", "Ana?") stay linear.
    for (let n = nextSuffix.get(base) ?? 2; usedIds.has(id); n++) {
      id = `${base}-${n}`;
      nextSuffix.set(base, n + 1);
    }
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
  // Participants indexed by full and first name once, so many names cost lookups, not scans.
  const byName = new Map<string, Participant[]>();
  const byFirst = new Map<string, Participant[]>();
  if (given.size) {
    for (const p of participants) {
      const full = normalizeName(p.name);
      const add = (map: Map<string, Participant[]>, key: string) => {
        const list = map.get(key);
        if (list) list.push(p);
        else map.set(key, [p]);
      };
      add(byName, full);
      add(byFirst, full.split(" ")[0]!);
    }
  }
  for (const [name, original] of given) {
    let matches = byName.get(name) ?? [];
    if (!matches.length && !name.includes(" ")) {
      matches = byFirst.get(name) ?? [];
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
