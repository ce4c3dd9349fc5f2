/**
 * WebVTT captions (Teams, Zoom, Meet) via `webvtt-parser`, a spec-following parser that reports
 * errors with line numbers and parses `<v Name>` voice spans into a tree. Speakers come from voice
 * spans or a `Name: text` prefix; consecutive cues of one speaker form one utterance.
 *
 * The parser keeps going after errors. What it reports is sorted three ways:
 * - a broken cue timing line (the cue would be lost) or a missing `WEBVTT` signature: an error
 *   naming the line, because a transcript with silently missing speech misleads;
 * - cues out of order or ending before they start: repaired by `assembleCall`, with a warning;
 * - everything else (cue settings, markup, blank lines): harmless for a transcript, ignored.
 */
import { createRequire } from "node:module";
import webvtt from "webvtt-parser";
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { acceptSpeakers, splitSpeakerPrefix } from "./speaker-prefix.js";

interface CueNode {
  type?: string;
  name?: string;
  value?: string;
  children?: CueNode[];
}

interface ParserError {
  message: string;
  line: number;
  col?: number;
}

// The parser's built-in entity table maps "&amp" without the semicolon, so "&amp;" came out as
// "&;". Its package ships the full HTML table, which handles both spellings.
const ENTITIES = createRequire(import.meta.url)("webvtt-parser/html-entities.json") as Record<string, string>;

const REPAIRABLE =
  /not greater than or equal to start timestamp of previous cue|End timestamp is not greater than start timestamp/i;
const BROKEN_TIMING =
  /No valid signature|digits|No decimal separator|No seconds found|No time unit separator|No timestamp found|No valid timestamp separator|not separated from timestamp|Timestamp must start with|Timestamp must not have trailing|Cue identifier needs to be followed by timestamp/i;

export function parseVtt(text: string, file: string | null, hints: SideHints): Call {
  return parseCaptions(text, file, hints, { format: "vtt", lineOffset: 0, sourceLines: null });
}

export interface CaptionOptions {
  format: "vtt" | "srt";
  /** Added to the parser's line numbers: SRT is converted to WebVTT with a two-line header. */
  lineOffset: number;
  /** The original file's lines, for quoting a broken line (defaults to `text`'s own). */
  sourceLines: string[] | null;
}

/** WebVTT text (or SRT converted to it) → call model. */
export function parseCaptions(
  text: string,
  file: string | null,
  hints: SideHints,
  options: CaptionOptions,
): Call {
  const result = new webvtt.WebVTTParser(ENTITIES).parse(text, "metadata") as {
    errors: ParserError[];
    cues: { startTime: number; endTime: number; tree: CueNode }[];
  };
  const fatal = result.errors.find((e) => BROKEN_TIMING.test(e.message) && !REPAIRABLE.test(e.message));
  if (fatal) {
    const line = fatal.line + options.lineOffset;
    const source = (options.sourceLines ?? text.split(/\r\n|\r|\n/))[line - 1]?.trim() ?? "";
    const shown = source.length > 60 ? `${source.slice(0, 57)}…` : source;
    const what = /signature/i.test(fatal.message)
      ? 'not a WebVTT file: the first line must be "WEBVTT"'
      : `broken cue timing${shown ? ` "${shown}"` : ""}: ${fatal.message.replace(/\.$/, "")} (expected "00:01:23.456 --> 00:01:25.000")`;
    throw new InputError(what, { file, line: Math.max(1, line) });
  }

  // The parser sorts cues by start time itself; say so when it had to.
  const disordered = result.errors.filter((e) => /previous cue/i.test(e.message)).length;
  const repairs = disordered
    ? [`${disordered} cue(s) started before the cue above them; cues were sorted by start time`]
    : [];

  const cues = result.cues.map((cue) => {
    const voice = findVoice(cue.tree);
    const body = textOf(cue.tree).replace(/\s+/g, " ").trim();
    return { cue, voice, body, prefixed: voice ? null : splitSpeakerPrefix(body) };
  });
  const prefixSpeakers = acceptSpeakers(cues.flatMap((c) => c.prefixed?.speaker ?? []));

  const segments: Segment[] = [];
  let previousSpeaker: string | null = null;
  for (const { cue, voice, body: full, prefixed } of cues) {
    let body = full;
    let speaker = voice;
    if (!speaker && prefixed && prefixSpeakers.has(prefixed.speaker)) {
      speaker = prefixed.speaker;
      body = prefixed.text;
    }
    // A caption without a speaker continues the previous one (tools only label speaker changes).
    speaker = speaker ?? previousSpeaker ?? "Unknown speaker";
    previousSpeaker = speaker;
    if (!body) continue;
    segments.push({ speaker, start_s: cue.startTime, end_s: cue.endTime, text: body });
  }
  if (!segments.length) {
    const kind = options.format === "srt" ? "SRT" : "WebVTT";
    throw new InputError(`${kind} file has no captions with text`, { file });
  }
  const call = assembleCall({
    segments,
    format: options.format,
    file,
    timing: "source",
    hints,
    mergeSameSpeaker: "timed",
  });
  call.warnings.unshift(...repairs);
  return call;
}

function findVoice(node: CueNode): string | null {
  if (node.type === "object" && node.name === "v" && node.value?.trim()) return node.value.trim();
  for (const child of node.children ?? []) {
    const found = findVoice(child);
    if (found) return found;
  }
  return null;
}

function textOf(node: CueNode): string {
  if (node.type === "text") return node.value ?? "";
  return (node.children ?? []).map(textOf).join("");
}
