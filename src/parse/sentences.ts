/**
 * Splits spoken text into sentences. Transcripts punctuate like prose, but abbreviations
 * ("e.g.", "Dr."), decimals and versions ("3.5", "Python 3.12"), URLs and emails contain dots
 * that do not end a sentence.
 */

const ABBREVIATIONS = new Set(
  [
    "e.g",
    "i.e",
    "etc",
    "vs",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "sr",
    "jr",
    "st",
    "inc",
    "ltd",
    "co",
    "corp",
    "approx",
    "dept",
    "est",
    "fig",
    "no",
    "vol",
    "cf",
    "al",
    "a.m",
    "p.m",
    "u.s",
    "u.k",
    "e.u",
    "min",
    "max",
  ].map((a) => a.toLowerCase()),
);

export function splitSentences(text: string): string[] {
  const flat = text.replace(/\s+/g, " ").trim();
  if (!flat) return [];
  const sentences: string[] = [];
  let start = 0;
  for (let i = 0; i < flat.length; i++) {
    const ch = flat[i]!;
    if (ch !== "." && ch !== "?" && ch !== "!" && ch !== "…") continue;
    // Consume a run of terminal punctuation and closing quotes/brackets.
    let end = i + 1;
    while (end < flat.length && /[.?!…"'”’)\]]/.test(flat[end]!)) end++;
    if (end < flat.length && flat[end] !== " ") {
      i = end - 1;
      continue; // "3.5", "example.com", "e.g.x": no space after the dot, not a boundary
    }
    if (ch === "." && !endsSentence(flat, start, i)) {
      i = end - 1;
      continue;
    }
    const next = flat.slice(end + 1, end + 2);
    if (end < flat.length && next && /[a-z]/.test(next) && ch === ".") {
      i = end - 1;
      continue; // lower-case continuation: probably an abbreviation we don't know
    }
    const sentence = flat.slice(start, end).trim();
    if (sentence) sentences.push(sentence);
    start = end;
    i = end - 1;
  }
  const rest = flat.slice(start).trim();
  if (rest) sentences.push(rest);
  return sentences;
}

function endsSentence(text: string, sentenceStart: number, dot: number): boolean {
  const before = text.slice(sentenceStart, dot);
  const word = /([A-Za-z][A-Za-z.]*)$/.exec(before)?.[1];
  if (!word) return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // A lone capital letter ("J. Smith") is an initial, not the end of a sentence.
  return !/^[A-Z]$/.test(word);
}
