/**
 * SubRip (SRT) captions, read by converting them to WebVTT and using the same spec-following
 * parser (webvtt.ts) as `.vtt` files. An SRT-specific library (srt-parser-2) was used
 * before, but it splits on one exact timing pattern, so a cue without its number line, a timing
 * line without spaces around `-->`, or a file mixing `,` and `.` in times was silently merged into
 * the previous cue's text: speech attributed to the wrong speaker with no error.
 *
 * The conversion normalizes each timing line (1–3 digit hours, `,` or `.` before milliseconds,
 * trailing SRT position fields), escapes text that WebVTT would read as markup (`a < b`, `&`)
 * and drops `{\an8}`-style positioning codes (a line that held only one stays a line of its cue).
 * One output line per input line, so WebVTT line numbers map back exactly. A line containing
 * `-->` that is not a valid timing line is an error naming the line.
 */
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import type { SideHints } from "./assemble.js";
import { parseCaptions } from "./vtt.js";

const CLOCK = String.raw`(\d{1,3}):(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?`;
const TIMING = new RegExp(String.raw`^\s*${CLOCK}\s*-->\s*${CLOCK}(?:\s+.*)?$`);
// Two clocks with something between them: a timing line, even with a mistyped arrow.
const LOOKS_LIKE_TIMING = /^\s*\d{1,3}:\d{1,2}:\d{1,2}(?:[,.]\d{1,3})?\s*\S{1,4}\s*\d{1,3}:\d{1,2}:\d{1,2}/;
const KNOWN_TAG = /^<\/?(?:b|i|u|s|font|c|v|lang|ruby|rt)(?:[\s.][^<>]*)?>/i;

export function parseSrt(text: string, file: string | null, hints: SideHints): Call {
  const lines = text.split(/\r\n|\r|\n/);
  const out = ["WEBVTT", ""];
  lines.forEach((line, i) => {
    if (!line.includes("-->") && !LOOKS_LIKE_TIMING.test(line)) {
      out.push(escapeCueText(line));
      return;
    }
    const m = TIMING.exec(line);
    if (!m) {
      const shown = line.trim().length > 60 ? `${line.trim().slice(0, 57)}…` : line.trim();
      throw new InputError(`broken cue timing "${shown}": expected "00:01:23,456 --> 00:01:25,000"`, {
        file,
        line: i + 1,
      });
    }
    out.push(`${vttClock(m.slice(1, 5))} --> ${vttClock(m.slice(5, 9))}`);
  });
  return parseCaptions(out.join("\n"), file, hints, { format: "srt", lineOffset: -2 });
}

function vttClock([h, m, s, ms]: (string | undefined)[]): string {
  const pad = (v: string | undefined, n: number) => (v ?? "0").padStart(n, "0");
  // "00:00:01,5" means half a second: the fraction is padded on the right.
  return `${pad(h, 2)}:${pad(m, 2)}:${pad(s, 2)}.${(ms ?? "0").padEnd(3, "0")}`;
}

function escapeCueText(line: string): string {
  let out = "";
  const text = line.replace(/\{\\[^}]*\}/g, "");
  // A line that held only a positioning code ("{\an8}" alone, as subtitle editors write it) must
  // not become a blank line: in WebVTT that ends the cue and orphans the text after it. A space
  // keeps the line (one output line per input line, so line numbers still match).
  if (!text.trim() && line.trim()) return " ";
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "&") out += /^&(?:[a-z]+|#\d+|#x[0-9a-f]+);/i.test(text.slice(i)) ? "&" : "&amp;";
    else if (ch === "<") {
      const tag = KNOWN_TAG.exec(text.slice(i))?.[0];
      if (tag) {
        out += tag;
        i += tag.length - 1;
      } else out += "&lt;";
    } else if (ch === ">") out += "&gt;";
    else out += ch;
  }
  return out;
}
