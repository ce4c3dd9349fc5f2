/**
 * WebVTT captions (Teams, Zoom, Meet): blocks per the spec's parsing algorithm (webvtt.ts), cue
 * text per its tokenizer (cue-text.ts). Speakers come from `<v Name>` voice spans (several in one
 * cue are several speakers) or a `Name: text` prefix; a cue without either continues the previous
 * speaker, since tools label only speaker changes. Consecutive cues of one speaker join into one
 * utterance across short pauses only (assemble.ts), so silence between cues is not talk time.
 *
 * Bad blocks are handled as the spec says, by skipping them, but never silently: each skipped block
 * that held text is a warning naming its line. A file in which no cue could be read is refused,
 * naming the first broken timing line when there is one.
 */
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import { assembleCall, type Segment, type SideHints } from "./assemble.js";
import { cueRuns } from "./cue-text.js";
import { acceptSpeakers, splitSpeakerPrefix } from "./speaker-prefix.js";
import { parseWebVtt } from "./webvtt.js";

export function parseVtt(text: string, file: string | null, hints: SideHints): Call {
  return parseCaptions(text, file, hints, { format: "vtt", lineOffset: 0 });
}

export interface CaptionOptions {
  format: "vtt" | "srt";
  /** Added to line numbers in messages: SRT is converted to WebVTT with a two-line header. */
  lineOffset: number;
}

export function parseCaptions(
  text: string,
  file: string | null,
  hints: SideHints,
  options: CaptionOptions,
): Call {
  const doc = parseWebVtt(text, file);
  const shift = (line: number) => Math.max(1, line + options.lineOffset);
  const warnings = doc.warnings.map((w) =>
    w.replace(/^line (\d+)/, (_, n: string) => `line ${shift(Number(n))}`),
  );
  if (!doc.cues.length && doc.firstBrokenTiming) {
    const { line, text: source, reason } = doc.firstBrokenTiming;
    const shown = source.trim().length > 60 ? `${source.trim().slice(0, 57)}…` : source.trim();
    throw new InputError(
      `broken cue timing "${shown}": ${reason} (expected "00:01:23.456 --> 00:01:25.000")`,
      { file, line: shift(line) },
    );
  }

  // Cues in file order; the spec keeps that order, a transcript needs time order. Say so when
  // they had to be sorted.
  let disordered = 0;
  for (let i = 1; i < doc.cues.length; i++) if (doc.cues[i]!.start_s < doc.cues[i - 1]!.start_s) disordered++;
  const cues = disordered ? [...doc.cues].sort((a, b) => a.start_s - b.start_s) : doc.cues;
  if (disordered)
    warnings.push(`${disordered} cue(s) started before the cue above them; cues were sorted by start time`);

  const parsed = cues.map((cue) => {
    const runs = cueRuns(cue.text);
    const voiced = runs.some((r) => r.voice);
    const body = voiced ? "" : runs.map((r) => r.text).join(" ");
    return { cue, runs, voiced, body, prefixed: voiced ? null : splitSpeakerPrefix(body) };
  });
  const prefixSpeakers = acceptSpeakers(parsed.flatMap((c) => c.prefixed?.speaker ?? []));

  const segments: Segment[] = [];
  let previousSpeaker: string | null = null;
  for (const { cue, runs, voiced, body, prefixed } of parsed) {
    if (!runs.length) continue;
    if (voiced) {
      const turns = voiceTurns(runs);
      if (turns.length === 1) {
        // One voice: the cue's own times, even if broken (assembleCall repairs them, with a warning).
        const only = turns[0]!;
        segments.push({
          speaker: only.voice,
          start_s: cue.start_s,
          end_s: cue.end_s,
          text: only.text,
          line: shift(cue.line),
        });
        previousSpeaker = only.voice;
        continue;
      }
      const total = turns.reduce((n, t) => n + t.text.length, 0) || 1;
      const span = Math.max(0, cue.end_s - cue.start_s);
      let t = cue.start_s;
      // Several voices in one cue: the cue's time is shared out by the length of what each said.
      for (const turn of turns) {
        const start = t;
        t += (span * turn.text.length) / total;
        segments.push({
          speaker: turn.voice,
          start_s: round3(start),
          end_s: round3(t),
          text: turn.text,
          line: shift(cue.line),
        });
      }
      previousSpeaker = turns.at(-1)!.voice;
      continue;
    }
    let speaker: string | null = null;
    let words = body;
    if (prefixed && prefixSpeakers.has(prefixed.speaker)) {
      speaker = prefixed.speaker;
      words = prefixed.text;
    }
    speaker = speaker ?? previousSpeaker ?? "Unknown speaker";
    previousSpeaker = speaker;
    if (!words) continue;
    segments.push({ speaker, start_s: cue.start_s, end_s: cue.end_s, text: words, line: shift(cue.line) });
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
  call.warnings.unshift(...warnings);
  return call;
}

/** Voice runs of one cue; text outside any voice belongs to the voice before it (or after it, at the start). */
function voiceTurns(runs: { voice: string | null; text: string }[]): { voice: string; text: string }[] {
  const firstVoice = runs.find((r) => r.voice)!.voice!;
  const turns: { voice: string; text: string }[] = [];
  for (const r of runs) {
    const voice = r.voice ?? turns.at(-1)?.voice ?? firstVoice;
    const last = turns.at(-1);
    if (last && last.voice === voice) last.text = `${last.text} ${r.text}`;
    else turns.push({ voice, text: r.text });
  }
  return turns;
}

const round3 = (n: number) => Math.round(n * 1000) / 1000;
