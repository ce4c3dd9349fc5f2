/**
 * Plain-text transcripts, one utterance per line, in the shapes meeting tools and people produce:
 *   [00:01:23] Name: text     [01:23] Name: text     00:01:23 Name: text
 *   Name (00:01:23): text     Name [1:23]: text      Name: text (untimed)
 *   [00:01:23 - 00:01:31] Name: text                 ← a range also gives the end time
 *   Name  00:01:23            ← speaker/time header, text on the following lines (Otter style)
 * Lines without a speaker continue the previous utterance. Untimed transcripts get times estimated
 * from speech rate (2.5 words per second), flagged as `timing: "estimated"`.
 */
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { acceptSpeakers, splitSpeakerPrefix } from "./speaker-prefix.js";

const TIME = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
// "00:01:23", or a range "00:01:23 - 00:01:31" / "00:01:23 --> 00:01:31" as some exporters write.
const SPAN = String.raw`(?<start>${TIME})(?:\s*(?:-->|-|–|—|to)\s*(?<end>${TIME}))?`;
// Letters first; digits allowed after ("Speaker 2"); stops at the first colon.
const NAME = String.raw`(?<name>[\p{L}][\p{L}\p{N}'’. -]{0,60}?)`;
const BRACKET_FIRST = new RegExp(String.raw`^\s*[\[(]${SPAN}[\])]\s*${NAME}\s*:\s*(?<text>.*)$`, "u");
const TIME_FIRST = new RegExp(String.raw`^\s*${SPAN}\s+${NAME}\s*:\s*(?<text>.*)$`, "u");
const NAME_TIME = new RegExp(String.raw`^\s*${NAME}\s*[\[(]${SPAN}[\])]\s*:\s*(?<text>.*)$`, "u");
const HEADER = new RegExp(String.raw`^\s*${NAME}\s{1,}${SPAN}\s*$`, "u");
export const TIMED_LINE = [BRACKET_FIRST, TIME_FIRST, NAME_TIME];

const WORDS_PER_SECOND = 2.5;
const TURN_GAP_S = 0.5;

interface Line {
  speaker: string;
  start: number | null;
  /** Given by range-style lines only. */
  end?: number | null;
  text: string;
  line: number;
}

export function parseClock(clock: string): number {
  const [main, frac] = clock.replace(",", ".").split(".");
  const parts = main!.split(":").map(Number);
  const seconds = parts.reduce((acc, n) => acc * 60 + n, 0);
  return seconds + (frac ? Number(`0.${frac}`) : 0);
}

export function looksLikeTextTranscript(text: string): boolean {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .slice(0, 20);
  if (!lines.length) return false;
  const hits = lines.filter(
    (l) => TIMED_LINE.some((re) => re.test(l)) || HEADER.test(l) || splitSpeakerPrefix(l) !== null,
  ).length;
  return hits / lines.length >= 0.5;
}

export function parseText(text: string, file: string | null, hints: SideHints): Call {
  const lines = text.split(/\r?\n/);
  const entries: Line[] = [];
  let pendingHeader: { speaker: string; start: number; line: number } | null = null;
  let preamble = 0;
  // In a timed transcript, an untimed "Word: text" line is content ("Answer: yes"), not a speaker.
  const timedMode = lines.some((l) => matchTimed(l) !== null || HEADER.test(l));
  const speakers = timedMode
    ? new Set<string>()
    : acceptSpeakers(lines.flatMap((l) => splitSpeakerPrefix(l)?.speaker ?? []));
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    if (!raw.trim()) return;
    const timed = matchTimed(raw);
    if (timed) {
      pendingHeader = null;
      entries.push({ ...timed, line: lineNo });
      return;
    }
    const header = HEADER.exec(raw)?.groups;
    if (header && !splitSpeakerPrefix(raw)) {
      pendingHeader = { speaker: header.name!.trim(), start: parseClock(header.start!), line: lineNo };
      return;
    }
    if (pendingHeader) {
      entries.push({
        speaker: pendingHeader.speaker,
        start: pendingHeader.start,
        text: raw.trim(),
        line: lineNo,
      });
      pendingHeader = null;
      return;
    }
    const prefixed = timedMode ? null : splitSpeakerPrefix(raw);
    const untimed = prefixed && speakers.has(prefixed.speaker) ? prefixed : null;
    if (untimed) {
      entries.push({ speaker: untimed.speaker, start: null, text: untimed.text, line: lineNo });
      return;
    }
    const last = entries[entries.length - 1];
    if (last) last.text = `${last.text} ${raw.trim()}`;
    else preamble++;
  });
  if (!entries.length) {
    throw new InputError('no "Name: text" lines found; expected lines like "[00:01:23] Name: text"', {
      file,
      line: 1,
    });
  }
  const timedCount = entries.filter((e) => e.start !== null).length;
  const segments = timedCount ? timedSegments(entries) : estimatedSegments(entries);
  const timing = !timedCount ? "estimated" : entries.every((e) => e.end != null) ? "source" : "starts";
  const call = assembleCall({
    segments,
    format: "text",
    file,
    timing,
    hints,
    mergeSameSpeaker: timing === "source" ? "timed" : "always",
  });
  if (preamble) call.warnings.push(`${preamble} line(s) before the first speaker line were ignored`);
  if (!timedCount) {
    call.warnings.push(
      `no timestamps: times are estimated at ${WORDS_PER_SECOND} words per second, so durations, patience and interactivity are approximate`,
    );
  }
  return call;
}

function matchTimed(
  line: string,
): { speaker: string; start: number; end: number | null; text: string } | null {
  for (const re of TIMED_LINE) {
    const g = re.exec(line)?.groups;
    if (!g) continue;
    const speaker = g.name!.trim();
    if (!speaker) continue;
    return {
      speaker,
      start: parseClock(g.start!),
      end: g.end ? parseClock(g.end) : null,
      text: g.text!.trim(),
    };
  }
  return null;
}

const speechSeconds = (text: string) =>
  Math.max(1, text.split(/\s+/).filter(Boolean).length / WORDS_PER_SECOND);

/** Ends at the next utterance's start, but never later than the speech could take (with slack). */
function timedSegments(entries: Line[]): Segment[] {
  return entries.map((e, i) => {
    const start = e.start!;
    const next = entries[i + 1]?.start;
    const spoken = start + speechSeconds(e.text) * 1.25;
    const end =
      e.end != null
        ? e.end
        : next !== undefined && next !== null && next >= start
          ? Math.min(next, spoken)
          : spoken;
    return { speaker: e.speaker, start_s: start, end_s: round1(end), text: e.text, line: e.line };
  });
}

function estimatedSegments(entries: Line[]): Segment[] {
  let t = 0;
  return entries.map((e) => {
    const start = t;
    t += speechSeconds(e.text);
    const seg = { speaker: e.speaker, start_s: round1(start), end_s: round1(t), text: e.text, line: e.line };
    t += TURN_GAP_S;
    return seg;
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;
