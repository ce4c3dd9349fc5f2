/**
 * The WebVTT file parsing algorithm of the W3C spec (https://w3c.github.io/webvtt/#file-parsing),
 * block level: signature, header, then blocks separated by blank lines, each a cue, a comment, a
 * style or region block, or something to skip.
 *
 * Why not `webvtt-parser` (used before): it departs from the spec where real files differ from
 * the examples. It refused `00:00:25.000-->00:00:27.000` (the spec skips whitespace around the
 * arrow but does not require it), refused a whole file over one whitespace-only line before a cue
 * id (Netflix exports; the spec just starts a new block), and dropped cue blocks without a timing
 * line without saying so. This module follows the spec's steps, and where the spec discards a
 * block that holds text, it says so in a warning instead of dropping speech silently.
 *
 * Cue text (tags, voices, character references) is read by cue-text.ts.
 */
import { InputError } from "../errors.js";

export interface VttCue {
  id: string;
  start_s: number;
  end_s: number;
  /** Raw cue text: lines joined with "\n", tags and character references still in it. */
  text: string;
  /** 1-based line of the timing line. */
  line: number;
}

export interface VttDocument {
  cues: VttCue[];
  /** Blocks skipped because they held text that could not be read as a cue, one line each. */
  warnings: string[];
  /** The first broken timing line, for the error when no cue could be read at all. */
  firstBrokenTiming: { line: number; text: string; reason: string } | null;
}

/** Spec "ASCII whitespace" for timings: space, tab, LF, form feed, CR (not vertical tab). */
const SPACE = new Set([" ", "\t", "\n", "\f", "\r"]);

export function parseWebVtt(input: string, file: string | null): VttDocument {
  // Spec step 1: NUL → U+FFFD; CRLF and CR → LF.
  const text = input.replace(/\0/g, "\uFFFD").replace(/\r\n?/g, "\n");
  if (!/^WEBVTT(?:[ \t\n]|$)/.test(text)) {
    throw new InputError('not a WebVTT file: the first line must be "WEBVTT"', { file, line: 1 });
  }
  const lines = text.split("\n");
  const doc: VttDocument = { cues: [], warnings: [], firstBrokenTiming: null };
  let i = 1;
  // Header: the lines after the signature up to a blank line (or a line with "-->", which the
  // spec reads as the first cue).
  if (i < lines.length && lines[i] !== "") i = collectBlock(lines, i, true, doc).next;
  let seenCue = false;
  while (i < lines.length) {
    while (i < lines.length && lines[i] === "") i++;
    if (i >= lines.length) break;
    const block = collectBlock(lines, i, false, doc);
    i = block.next;
    if (block.cue) {
      doc.cues.push(block.cue);
      seenCue = true;
    } else if (block.skipped) {
      reportSkipped(block.skipped, seenCue, doc);
    }
  }
  return doc;
}

interface Skipped {
  lines: string[];
  first: number;
  /** The block ended at a timing line that starts the next block (its lines were a would-be id). */
  endedByTiming: boolean;
  brokenTiming: { line: number; text: string; reason: string } | null;
}

interface Block {
  next: number;
  cue: VttCue | null;
  skipped: Skipped | null;
}

/** Spec "collect a WebVTT block", over an array of lines instead of a code point position. */
function collectBlock(lines: string[], start: number, inHeader: boolean, doc: VttDocument): Block {
  let i = start;
  let lineCount = 0;
  let previous = start;
  const buffer: string[] = [];
  let seenArrow = false;
  let cue: VttCue | null = null;
  let broken: Skipped["brokenTiming"] = null;
  let endedByTiming = false;
  while (i < lines.length) {
    const line = lines[i]!;
    i++;
    lineCount++;
    if (line.includes("-->")) {
      if (!inHeader && (lineCount === 1 || (lineCount === 2 && !seenArrow))) {
        seenArrow = true;
        previous = i;
        const timing = parseTimingLine(line);
        if ("reason" in timing) {
          cue = null;
          broken = { line: i, text: line, reason: timing.reason };
          // The line before was the cue id, not words: leave it out of the warning.
          buffer.length = 0;
          if (!doc.firstBrokenTiming) doc.firstBrokenTiming = broken;
        } else {
          cue = { id: buffer.join("\n"), start_s: timing.start, end_s: timing.end, text: "", line: i };
          buffer.length = 0;
        }
      } else {
        // A second timing line: it starts the next block.
        i = previous;
        endedByTiming = true;
        break;
      }
    } else if (line === "") {
      break;
    } else {
      buffer.push(line);
      previous = i;
    }
  }
  if (cue) {
    cue.text = buffer.join("\n");
    return { next: i, cue, skipped: null };
  }
  if (inHeader) return { next: i, cue: null, skipped: null };
  return {
    next: i,
    cue: null,
    skipped: { lines: [...buffer], first: start + 1, endedByTiming, brokenTiming: broken },
  };
}

/**
 * What the spec discards silently, said aloud when it was speech. Comments (NOTE), style and
 * region blocks, whitespace, and a lone line before a timing line (a cue id the spec cannot
 * attach, as after a whitespace-only line in Netflix files) hold no speech and pass quietly.
 */
function reportSkipped(block: Skipped, seenCue: boolean, doc: VttDocument): void {
  const content = block.lines.filter((l) => l.trim());
  // A broken timing line with no words under it loses nothing ("-->" as a would-be id above a cue).
  if (block.brokenTiming && content.length) {
    const { line, text, reason } = block.brokenTiming;
    doc.warnings.push(
      `line ${line}: cue skipped, broken timing "${clip(text.trim())}" (${reason}); its text "${clip(content.join(" "))}" is left out`,
    );
    return;
  }
  if (!content.length) return;
  const head = block.lines[0]!;
  if (/^NOTE(?:[ \t]|$)/.test(head)) return;
  if (!seenCue && /^(?:STYLE|REGION)[ \t]*$/.test(head)) return;
  if (block.endedByTiming && content.length === 1) return;
  doc.warnings.push(
    `line ${block.first}: block without a timing line skipped; its text "${clip(content.join(" "))}" is left out`,
  );
}

/** Words of skipped lines for a warning: tags dropped, whitespace collapsed, cut at 60 characters. */
const clip = (raw: string) => {
  const s = raw
    .replace(/<[^>]*>/g, "")
    .replace(/\s+/g, " ")
    .trim();
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
};
/** Spec "collect WebVTT cue timings and settings"; settings are layout only and ignored. */
export function parseTimingLine(line: string): { start: number; end: number } | { reason: string } {
  const pos = { i: 0 };
  skipSpace(line, pos);
  const start = collectTimestamp(line, pos);
  if (typeof start === "string") return { reason: `start time: ${start}` };
  skipSpace(line, pos);
  if (line.slice(pos.i, pos.i + 3) !== "-->") return { reason: 'expected "-->" after the start time' };
  pos.i += 3;
  skipSpace(line, pos);
  const end = collectTimestamp(line, pos);
  if (typeof end === "string") return { reason: `end time: ${end}` };
  return { start, end };
}

function skipSpace(line: string, pos: { i: number }): void {
  while (pos.i < line.length && SPACE.has(line[pos.i]!)) pos.i++;
}

function digits(line: string, pos: { i: number }): string {
  const from = pos.i;
  while (pos.i < line.length && line.charCodeAt(pos.i) >= 48 && line.charCodeAt(pos.i) <= 57) pos.i++;
  return line.slice(from, pos.i);
}

/** Spec "collect a WebVTT timestamp": [hh:]mm:ss.ttt, hours of any length. A string is the reason it failed. */
function collectTimestamp(line: string, pos: { i: number }): number | string {
  const first = digits(line, pos);
  if (!first) return "no timestamp";
  const hoursFirst = first.length !== 2 || Number(first) > 59;
  if (line[pos.i] !== ":") return "expected ':' after the first number";
  pos.i++;
  const second = digits(line, pos);
  if (second.length !== 2) return "minutes and seconds need exactly two digits";
  let h = 0;
  let m: number;
  let s: number;
  if (hoursFirst || line[pos.i] === ":") {
    if (line[pos.i] !== ":") return "expected ':' before the seconds";
    pos.i++;
    const third = digits(line, pos);
    if (third.length !== 2) return "minutes and seconds need exactly two digits";
    h = Number(first);
    m = Number(second);
    s = Number(third);
  } else {
    m = Number(first);
    s = Number(second);
  }
  if (line[pos.i] !== ".") return "expected '.' and three digits of milliseconds";
  pos.i++;
  const ms = digits(line, pos);
  if (ms.length !== 3) return "milliseconds need exactly three digits";
  if (m > 59 || s > 59) return "minutes and seconds must be at most 59";
  return h * 3600 + m * 60 + s + Number(ms) / 1000;
}
