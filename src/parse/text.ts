/**
 * Plain-text transcripts, one utterance per line, in the shapes meeting tools and people produce:
 *   [00:01:23] Name: text     [01:23] Name: text     00:01:23 Name: text
 *   Name (00:01:23): text     Name [1:23]: text      Name: text (untimed)
 *   [00:01:23 - 00:01:31] Name: text                 ← a range also gives the end time
 *   Name  00:01:23            ← speaker/time header, text on the following lines (Otter style)
 *   [Name] 11:02:09           ← the same with the name in brackets and the time of day (Zoom's
 *                               AI Companion transcript); times become offsets from the first
 *   00:05:00                  ← a time alone on its line between untimed "Name: text" lines
 *                               (Google Meet's transcript): a mark that the times after it follow
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
const BRACKET_HEADER = new RegExp(String.raw`^\s*\[${NAME}\]\s+(?<start>${TIME})\s*$`, "u");
const TIME_MARK = new RegExp(String.raw`^\s*(?<start>${TIME})\s*$`);
// Google Meet ends its transcript with "Meeting ended after 00:31:12 👋"; not speech.
const MEET_END = /^\s*Meeting ended after \d/;
export const TIMED_LINE = [BRACKET_FIRST, TIME_FIRST, NAME_TIME];

const WORDS_PER_SECOND = 2.5;
const TURN_GAP_S = 0.5;

interface Line {
  speaker: string;
  start: number | null;
  /** Given by range-style lines only. */
  end?: number | null;
  /** Untimed lines under a Google Meet time mark: they start no earlier than it. */
  mark?: number | null;
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
    (l) =>
      TIMED_LINE.some((re) => re.test(l)) ||
      HEADER.test(l) ||
      BRACKET_HEADER.test(l) ||
      splitSpeakerPrefix(l) !== null,
  ).length;
  return hits / lines.length >= 0.5;
}

export function parseText(text: string, file: string | null, hints: SideHints): Call {
  const lines = text.split(/\r?\n/);
  const entries: Line[] = [];
  let pendingHeader: { speaker: string; start: number; line: number } | null = null;
  let preamble = 0;
  // In a timed transcript, an untimed "Word: text" line is content ("Answer: yes"), not a speaker.
  const timedMode = lines.some((l) => matchTimed(l) !== null || HEADER.test(l) || BRACKET_HEADER.test(l));
  // Zoom's bracketed headers give the time of day: offsets count from the first one, and a time
  // earlier than the one before means the meeting ran past midnight.
  let dayStart: number | null = null;
  let lastClock = 0;
  let days = 0;
  const clockOffset = (clock: string) => {
    const t = parseClock(clock);
    if (dayStart === null) dayStart = t;
    if (t < lastClock) days++;
    lastClock = t;
    return t + days * 86_400 - dayStart;
  };
  // Google Meet: the latest bare time mark above an untimed line.
  let mark: number | null = null;
  let marks = 0;
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
    const bracketHeader = BRACKET_HEADER.exec(raw)?.groups;
    if (bracketHeader) {
      pendingHeader = {
        speaker: bracketHeader.name!.trim(),
        start: clockOffset(bracketHeader.start!),
        line: lineNo,
      };
      return;
    }
    const timeMark = timedMode ? undefined : TIME_MARK.exec(raw)?.groups;
    if (timeMark) {
      mark = parseClock(timeMark.start!);
      marks++;
      return;
    }
    if (MEET_END.test(raw)) return;
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
      entries.push({ speaker: untimed.speaker, start: null, text: untimed.text, line: lineNo, mark });
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
  if (!timedCount && marks) {
    call.warnings.push(
      `times between the ${marks} time mark(s) are estimated at ${WORDS_PER_SECOND} words per second, so durations, patience and interactivity are approximate`,
    );
  } else if (!timedCount) {
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
    if (e.mark != null) t = Math.max(t, e.mark);
    const start = t;
    t += speechSeconds(e.text);
    const seg = { speaker: e.speaker, start_s: round1(start), end_s: round1(t), text: e.text, line: e.line };
    t += TURN_GAP_S;
    return seg;
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;
