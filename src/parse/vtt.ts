/**
 * WebVTT captions (Teams, Zoom, Meet) via `webvtt-parser`, a spec-following parser that reports
 * errors with line numbers and parses `<v Name>` voice spans into a tree. Speakers come from voice
 * spans or a `Name: text` prefix; consecutive cues of one speaker form one utterance.
 */
import webvtt from "webvtt-parser";
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { splitSpeakerPrefix } from "./speaker-prefix.js";

interface CueNode {
  type?: string;
  name?: string;
  value?: string;
  children?: CueNode[];
}

// Ordering problems are repaired (and warned about) by assembleCall; everything else is an error.
const REPAIRABLE = /not greater than|greater than or equal to start timestamp of previous cue/i;

export function parseVtt(text: string, file: string | null, hints: SideHints): Call {
  const result = new webvtt.WebVTTParser().parse(text, "metadata");
  const fatal = result.errors.find((e: { message: string }) => !REPAIRABLE.test(e.message));
  if (fatal) throw new InputError(`invalid WebVTT: ${fatal.message}`, { file, line: fatal.line });
  const segments: Segment[] = [];
  let previousSpeaker: string | null = null;
  for (const cue of result.cues as { startTime: number; endTime: number; tree: CueNode }[]) {
    const voice = findVoice(cue.tree);
    let body = textOf(cue.tree).replace(/\s+/g, " ").trim();
    let speaker = voice;
    if (!speaker) {
      const prefixed = splitSpeakerPrefix(body);
      if (prefixed) {
        speaker = prefixed.speaker;
        body = prefixed.text;
      }
    }
    // A caption without a speaker continues the previous one (tools only label speaker changes).
    speaker = speaker ?? previousSpeaker ?? "Unknown speaker";
    previousSpeaker = speaker;
    if (!body) continue;
    segments.push({ speaker, start_s: cue.startTime, end_s: cue.endTime, text: body });
  }
  if (!segments.length) throw new InputError("WebVTT file has no captions with text", { file });
  return assembleCall({ segments, format: "vtt", file, timing: "source", hints, mergeSameSpeaker: true });
}

function findVoice(node: CueNode): string | null {
  if (node.type === "object" && node.name === "v" && node.value) return node.value.trim();
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
