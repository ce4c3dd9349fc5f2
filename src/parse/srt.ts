/**
 * SubRip captions via `srt-parser-2`. That parser silently drops cues whose timing line is
 * malformed, so timing lines are checked here first to report the line instead of losing speech.
 */
import SrtParser from "srt-parser-2";
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { splitSpeakerPrefix } from "./speaker-prefix.js";

const TIMING = /^\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}/;

export function parseSrt(text: string, file: string | null, hints: SideHints): Call {
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.includes("-->") && !TIMING.test(line)) {
      throw new InputError(`invalid SRT timing line "${line.trim().slice(0, 60)}"`, { file, line: i + 1 });
    }
  });
  const cues = new SrtParser().fromSrt(text.replace(/\r\n/g, "\n"));
  const segments: Segment[] = [];
  let previousSpeaker: string | null = null;
  for (const cue of cues) {
    let body = cue.text
      .replace(/<[^>]+>/g, "")
      .replace(/\s+/g, " ")
      .trim();
    const prefixed = splitSpeakerPrefix(body);
    if (prefixed) body = prefixed.text;
    const speaker: string = prefixed?.speaker ?? previousSpeaker ?? "Unknown speaker";
    previousSpeaker = speaker;
    if (body) segments.push({ speaker, start_s: cue.startSeconds, end_s: cue.endSeconds, text: body });
  }
  if (!segments.length) throw new InputError("SRT file has no captions with text", { file });
  return assembleCall({ segments, format: "srt", file, timing: "source", hints, mergeSameSpeaker: true });
}
