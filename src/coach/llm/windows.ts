/**
 * Long calls are split into time windows that overlap, so each request fits a model's context
 * (a 90-minute call is about 20k tokens of transcript; local models often have 8k). Every line
 * keeps its utterance id and timestamp, so whatever the model says about a line maps back to the
 * call's own time, never a time the model made up. Each report item is reviewed in exactly one
 * window: the one where its moment sits farthest from the edges, so it has context on both sides.
 */
import type { Call } from "../../model/call.js";
import { formatClock } from "../../text/format-time.js";

export interface TranscriptLine {
  /** `u` + the utterance's index in the call: stable across windows. */
  id: string;
  start_s: number;
  end_s: number;
  speaker: string;
  side: string;
  text: string;
  rendered: string;
}

export interface TranscriptWindow {
  index: number;
  start_s: number;
  end_s: number;
  lines: TranscriptLine[];
  tokens: number;
}

export interface WindowOptions {
  /** Estimated tokens of transcript per window. */
  maxTokens: number;
  /** Seconds of transcript repeated at the start of the next window. */
  overlapS: number;
}

export const DEFAULT_WINDOW_OPTIONS: WindowOptions = { maxTokens: 6000, overlapS: 60 };

/**
 * A deliberately pessimistic token estimate (English prose runs near 4 characters per token;
 * JSON, URLs and names run shorter), used for windows and the token budget before a request
 * is sent. Usage reported by the provider replaces it afterwards.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 3.5);
}

export function transcriptLines(call: Call): TranscriptLine[] {
  const names = new Map(call.participants.map((p) => [p.id, p]));
  return call.utterances.map((u) => {
    const who = names.get(u.speakerId);
    const speaker = who?.name ?? u.speakerId;
    const side = who?.side ?? "unknown";
    const text = u.text.replace(/\s+/g, " ").trim();
    const id = `u${u.index}`;
    return {
      id,
      start_s: u.start_s,
      end_s: u.end_s,
      speaker,
      side,
      text,
      rendered: `${id} [${formatClock(u.start_s)}] ${speaker} (${side}): ${text}`,
    };
  });
}

export function buildWindows(lines: TranscriptLine[], options: WindowOptions): TranscriptWindow[] {
  const windows: TranscriptWindow[] = [];
  const cost = lines.map((l) => estimateTokens(l.rendered) + 1);
  let start = 0;
  while (start < lines.length) {
    let end = start;
    let tokens = 0;
    // At least one line per window, even a monologue longer than the budget.
    while (end < lines.length && (end === start || tokens + cost[end]! <= options.maxTokens)) {
      tokens += cost[end]!;
      end++;
    }
    const slice = lines.slice(start, end);
    windows.push({
      index: windows.length,
      start_s: slice[0]!.start_s,
      end_s: Math.max(...slice.map((l) => l.end_s)),
      lines: slice,
      tokens,
    });
    if (end >= lines.length) break;
    // The next window repeats the lines of the last `overlapS` seconds, but never more than half
    // a window of them, and always moves forward.
    const overlapFrom = lines[end - 1]!.end_s - options.overlapS;
    let next = end;
    while (next - 1 > start && lines[next - 1]!.end_s > overlapFrom) next--;
    let overlapTokens = sum(cost.slice(next, end));
    while (next < end && overlapTokens > options.maxTokens / 2) overlapTokens -= cost[next++]!;
    start = next;
  }
  return windows;
}

/** The window in which a moment at `t` has the most context on both sides. */
export function ownerWindow(windows: TranscriptWindow[], t: number): TranscriptWindow {
  let best: TranscriptWindow | undefined;
  let bestMargin = Number.NEGATIVE_INFINITY;
  for (const w of windows) {
    const margin = Math.min(t - w.start_s, w.end_s - t);
    if (margin > bestMargin) {
      best = w;
      bestMargin = margin;
    }
  }
  if (!best) throw new Error("no transcript windows");
  return best;
}

/** The line a moment at `t` belongs to: the last one that started at or before it. */
export function lineAt(lines: TranscriptLine[], t: number): TranscriptLine | undefined {
  let found: TranscriptLine | undefined;
  for (const line of lines) {
    if (line.start_s <= t + 0.001) found = line;
    else break;
  }
  return found ?? lines[0];
}

export function renderWindow(window: TranscriptWindow, total: number): string {
  const head =
    total > 1
      ? `TRANSCRIPT, part ${window.index + 1} of ${total} (${formatClock(window.start_s)}–${formatClock(window.end_s)}):`
      : "TRANSCRIPT:";
  return `${head}\n${window.lines.map((l) => l.rendered).join("\n")}`;
}

function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
