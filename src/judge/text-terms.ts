/**
 * Word-level tools for comparing a spoken claim with documentation text: spoken numbers and
 * durations written as figures, common spoken paraphrases folded to the docs' wording, Porter
 * stems (the same algorithm the knowledge base's full-text index uses), field synonyms folded to
 * one form, stopwords, and term weights from document frequencies. Deterministic and product-neutral.
 */
import { stemmer } from "stemmer";

const STOP = new Set(
  `a an the and or but if then so of to in on at by for with from into onto about as is are was were be been being it its
  it's this that these those there their they them you your you're we our us i me my he she his her can could would should
  will shall may might must do does did done just like any every each all some also very really only much many more most
  what which who whom whose when where why how than too own same other such one ones thing things way lot kind sort going
  get gets got let lets make makes made use uses used using have has had having say says said actually basically pretty
  okay ok yeah yes sure right well anyway anything everything something ever still even simply straight go goes
  went gone come comes came give gives gave take takes took put puts fine great good nice bit stuff able whole else
  want wants wanted while don doesn isn aren won wasn weren didn hasn haven hadn shouldn wouldn couldn ll ve re`.split(
    /\s+/,
  ),
);

// Words that mean the same thing in this field, folded to the first form (after stemming).
const SYNONYM_GROUPS = [
  ["child", "nested", "subflow", "subflows", "sub-flow", "sub-flows", "children"],
  ["cancel", "cancelled", "canceled", "cancellation", "cancelling", "canceling", "cancels"],
  ["error", "errors", "exception", "exceptions", "raise", "raises", "throw", "throws", "thrown"],
  ["credential", "credentials", "secret", "secrets", "token", "tokens", "password", "passwords"],
  ["k8s", "kubernetes"],
  ["library", "libraries", "package", "packages"],
  ["individually", "independently", "separately"],
  ["repository", "repo", "registry"],
  ["dependency", "dependencies", "requirements"],
  ["run", "runs", "running", "execute", "executes", "execution", "launch", "launches"],
  ["automatic", "automatically", "auto"],
  ["priority", "priorities"],
  ["image", "images"],
  // Spoken paraphrases of what a product does.
  ["support", "supports", "understand", "understands", "accept", "accepts", "handle", "handles"],
  ["respond", "responds", "answer", "answers", "reply", "replies"],
  ["reveal", "reveals", "divulge", "divulges", "disclose", "discloses", "expose", "exposes"],
  ["remove", "removes", "removed", "delete", "deletes", "deleted", "drop", "drops", "dropped"],
  ["start", "starts", "started", "begin", "begins", "kick", "kicks"],
  ["offline", "unhealthy", "dead"],
  ["fire", "fires", "trigger", "triggers", "triggered"],
  ["assign", "assigns", "attach", "attaches", "associate", "associated"],
  ["disk", "filesystem", "file-system"],
  ["pod", "container", "containers", "pods"],
  ["postgres", "postgresql"],
  ["thread", "threads", "threadpool", "threadpooltaskrunner"],
  ["pass", "passed", "past"],
  ["distribute", "distributes", "distributed", "spread", "spreads"],
];
const CANONICAL = new Map<string, string>();
for (const group of SYNONYM_GROUPS) {
  const canonical = porter(group[0]!);
  for (const w of group) CANONICAL.set(w, canonical);
}

// Spoken phrasings → the words documentation uses for the same thing.
const PHRASES: [RegExp, string][] = [
  [/\bout of the box\b/gi, "by default"],
  [/\b(?:on (?:its|their) own|by (?:itself|themselves)|for you automatically|for you)\b/gi, "automatically"],
  [/\bdaylight sav(?:ing|ings)(?: time)?\b/gi, "DST"],
  [/\bhourly\b/gi, "every 1 hour"],
  [/\bdaily\b/gi, "every 1 day"],
  [/\bhalf an hour\b/gi, "30 minutes"],
  [/\bturn(?:ed|s)? (?:it |them )?on\b/gi, "enabled"],
  [/\bturn(?:ed|s)? (?:it |them )?off\b/gi, "disabled"],
  [/\bno longer than\b/gi, "at most"],
];

const SMALL: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  seventy: 70,
  eighty: 80,
  ninety: 90,
};
const SCALE: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };
const TIME_UNIT = "(?:seconds?|secs?|minutes?|mins?|hours?|days?|weeks?|months?|years?)";
const NUMBER_WORD = `(?:${[...Object.keys(SMALL), ...Object.keys(SCALE), "dozen"].join("|")})`;
// "two hundred and fifty", "twenty-five", "a thousand", "fifteen"
const SPOKEN_NUMBER = new RegExp(
  `\\b(?:(?:a|an)\\s+(?=(?:hundred|thousand|million|billion|dozen)\\b))?${NUMBER_WORD}(?:(?:\\s+|-)(?:and\\s+)?${NUMBER_WORD})*\\b`,
  "gi",
);

function spokenValue(phrase: string): number | null {
  const words = phrase
    .toLowerCase()
    .split(/[\s-]+/)
    .filter((w) => w !== "and");
  let total = 0;
  let current = 0;
  let any = false;
  for (const w of words) {
    if (w === "a" || w === "an") {
      current = 1;
      continue;
    }
    if (w === "dozen") {
      current = (current || 1) * 12;
      any = true;
    } else if (SMALL[w] !== undefined) {
      current += SMALL[w]!;
      any = true;
    } else if (SCALE[w] !== undefined) {
      const scale = SCALE[w]!;
      if (scale >= 1000) {
        total += (current || 1) * scale;
        current = 0;
      } else current = (current || 1) * scale;
      any = true;
    } else return null;
  }
  return any ? total + current : null;
}

/**
 * Spoken numbers written as figures ("a hundred days" → "100 days", "fifteen seconds" → "15
 * seconds", "an hour" → "1 hour"); "one" stays a word unless it counts a unit ("one hour"), since
 * "any one of", "the one" are not figures.
 */
export function normalizeNumbers(text: string): string {
  let out = text.replace(SPOKEN_NUMBER, (phrase, offset: number, whole: string) => {
    const lower = phrase.toLowerCase();
    if (lower === "one") {
      const next = whole.slice(offset + phrase.length);
      if (!new RegExp(`^[\\s-]+${TIME_UNIT}\\b`, "i").test(next)) return phrase;
    }
    const value = spokenValue(phrase);
    return value === null ? phrase : String(value);
  });
  // "a day", "an hour", "per minute": one unit.
  out = out.replace(new RegExp(`\\b(?:a|an|per|every|each)\\s+(${TIME_UNIT})\\b`, "gi"), (m, unit: string) =>
    /^(?:every|each|per)/i.test(m) ? `every 1 ${unit}` : `1 ${unit}`,
  );
  // Digits with thousands separators: "1,000" → "1000".
  return out.replace(/\b(\d{1,3}(?:,\d{3})+)\b/g, (m) => m.replace(/,/g, ""));
}

/** Spoken paraphrases and numbers in the documentation's wording. */
export function normalizeText(text: string): string {
  let out = text;
  for (const [re, to] of PHRASES) out = out.replace(re, to);
  return normalizeNumbers(out);
}

function porter(word: string): string {
  return stemmer(word);
}

/** Stem of a word, with field synonyms folded to one form. */
export function stem(word: string): string {
  const w = word.toLowerCase();
  const canonical = CANONICAL.get(w);
  if (canonical) return canonical;
  // Identifiers ("prefect.yaml", "timeout_seconds", "tag-based") are kept whole.
  if (/[._-]/.test(w) || /\d/.test(w)) return w;
  const s = porter(w);
  return CANONICAL.get(s) ?? s;
}

// Words, and figures of two or more digits ("4200", "14.9"): a port or version is as specific as a name.
const WORD = /[a-z][a-z0-9_.-]*[a-z0-9]|[a-z]|\d+(?:\.\d+)*(?=[^\d]|$)/g;

/** Content words of a text, stemmed (stopwords and one-letter words dropped). */
export function contentTerms(text: string): string[] {
  const words = text.toLowerCase().match(WORD) ?? [];
  const out: string[] = [];
  for (const w of words) {
    if (STOP.has(w) || w.length < 2) continue;
    out.push(stem(w));
    // "prefect.runtime", "timeout_seconds": the parts are words too.
    if (/[a-z][._][a-z]/.test(w))
      for (const part of w.split(/[._]+/)) if (part.length >= 2 && !STOP.has(part)) out.push(stem(part));
  }
  return out;
}

/** Content words with the surface form each stem was first seen as (for frequency look-ups). */
export function contentWords(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const w of text.toLowerCase().match(WORD) ?? []) {
    if (STOP.has(w) || w.length < 2) continue;
    const s = stem(w);
    if (!out.has(s)) out.set(s, w);
  }
  return out;
}

/** Terms so frequent in product docs that matching them says little (used when no statistics are at hand). */
export const WEAK_TERMS = new Set(
  ["prefect", "flow", "task", "run", "work", "cloud", "ui", "default", "time", "want"].map(stem),
);

import type { TermStatistics } from "../model/knowledge.js";

export type { TermStatistics };

/** Weight of an absent word: the rep's own wording can neither confirm nor refute a claim. */
const UNSEEN_WEIGHT = 0.45;
const MIN_WEIGHT = 0.08;

/**
 * How much a term says about a sentence, 0–1: inverse document frequency scaled so that a word
 * found in a handful of chunks weighs 1 and one found in a third of them ("run", "prefect")
 * nearly nothing. Without statistics, a fixed list of frequent product words weighs 0.35.
 */
export class TermWeights {
  private readonly cache = new Map<string, number>();
  constructor(private readonly stats: TermStatistics | null = null) {}

  weight(term: string, surface: string = term): number {
    let w = this.cache.get(term);
    if (w !== undefined) return w;
    if (!this.stats || this.stats.documents < 50) {
      w = WEAK_TERMS.has(term) ? 0.35 : 1;
    } else {
      const n = this.stats.documents;
      const df = Math.max(this.stats.frequency(surface), surface === term ? 0 : this.stats.frequency(term));
      if (df === 0) w = UNSEEN_WEIGHT;
      else {
        // idf of a word in ~10 chunks → 1; in a third of all chunks → ~0.
        const idf = Math.log(n / df);
        const top = Math.log(n / 10);
        const floor = Math.log(3);
        w = Math.min(1, Math.max(MIN_WEIGHT, (idf - floor) / (top - floor)));
      }
    }
    this.cache.set(term, w);
    return w;
  }
}
