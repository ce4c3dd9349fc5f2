/**
 * WebVTT cue text → who said what. Follows the spec's cue text tokenizer in what matters for a
 * transcript: tags are dropped (`<i>`, `<c.x>`, `<b>`, timestamps `<00:01.000>`), ruby annotations
 * (`<rt>`) are not speech, character references are decoded (`&amp;`, `&#237;`, `&iacute;`), and
 * each `<v Name>` span is its own run, so `<v Alice>…</v> <v Bob>…</v>` in one cue is two speakers.
 * Voice names are decoded too: Teams writes `<v Carlos Far&#237;as>`.
 */
import { createRequire } from "node:module";

export interface CueRun {
  /** From a `<v>` span; null for text outside any voice span. */
  voice: string | null;
  text: string;
}

// The full HTML named character reference table, shipped with the webvtt-parser package (CC0).
const ENTITIES = createRequire(import.meta.url)("webvtt-parser/html-entities.json") as Record<string, string>;

export function decodeReferences(text: string): string {
  if (!text.includes("&")) return text;
  // Names are at most 32 characters in the HTML table; the bound keeps the prefix search below
  // linear on a long run of letters after "&".
  return text.replace(
    /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[A-Za-z][A-Za-z0-9]{0,31};?)/g,
    (all, body: string) => {
      if (body.startsWith("#")) {
        const hex = body[1] === "x" || body[1] === "X";
        const code = Number.parseInt(body.slice(hex ? 2 : 1).replace(";", ""), hex ? 16 : 10);
        // Out-of-range and surrogate code points become U+FFFD, as in HTML.
        if (!Number.isFinite(code) || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
          return "\uFFFD";
        return String.fromCodePoint(code);
      }
      const named = ENTITIES[all];
      if (named !== undefined) return named;
      // Legacy references without ";" ("&amp" in "&amponly"): the longest known prefix.
      for (let n = body.length - 1; n >= 2; n--) {
        const prefix = `&${body.slice(0, n)}`;
        const value = ENTITIES[prefix];
        if (value !== undefined && !prefix.endsWith(";")) return value + body.slice(n);
      }
      return all;
    },
  );
}

export function cueRuns(text: string): CueRun[] {
  const runs: CueRun[] = [];
  const voices: string[] = [];
  let rubyText = 0;
  let buffer = "";
  const flush = () => {
    if (!buffer) return;
    const voice = voices.at(-1) ?? null;
    const last = runs.at(-1);
    if (last && last.voice === voice) last.text += buffer;
    else runs.push({ voice, text: buffer });
    buffer = "";
  };
  let i = 0;
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = lt < 0 ? text.slice(i) : text.slice(i, lt);
    if (!rubyText) buffer += decodeReferences(chunk);
    if (lt < 0) break;
    // A tag runs to ">" or, unclosed, to the end of the text (the spec emits it at end of input).
    const gt = text.indexOf(">", lt);
    const tag = text.slice(lt + 1, gt < 0 ? text.length : gt);
    i = gt < 0 ? text.length : gt + 1;
    if (tag.startsWith("/")) {
      const name = tag.slice(1).trim().split(/[\s.]/)[0]!;
      if (name === "v" && voices.length) {
        flush();
        voices.pop();
      } else if (name === "rt" && rubyText) rubyText--;
      else if (name === "ruby" && rubyText) rubyText = 0;
      continue;
    }
    const name = /^[^\s.]*/.exec(tag)![0];
    if (name === "v") {
      const annotation = tag
        .slice(tag.search(/[\s]|$/))
        .replace(/\s+/g, " ")
        .trim();
      flush();
      // An unnamed voice keeps the enclosing speaker (nothing to attribute to).
      voices.push(decodeReferences(annotation) || (voices.at(-1) ?? ""));
    } else if (name === "rt") rubyText++;
    // Other tags (<c>, <i>, <b>, <u>, <lang>, <ruby>, timestamps) carry no speaker and no words.
  }
  flush();
  return runs
    .map((r) => ({ voice: r.voice || null, text: r.text.replace(/\s+/g, " ").trim() }))
    .filter((r) => r.text);
}
