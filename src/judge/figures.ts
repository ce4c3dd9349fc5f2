/**
 * Figures a sentence states, in comparable form: counts with the noun they count ("3 retries"),
 * durations in seconds ("five minutes" = 300, "24 hours" = "a day"), minimum versions
 * ("PostgreSQL 14.9 or higher", "version 12 up") and stated defaults ("Default: `0`",
 * "off by default"). Text is expected to have gone through `TermLexicon.normalize` (spoken
 * numbers as digits); counted nouns stem with the same lexicon.
 */
import { ENGLISH_LEXICON, type TermLexicon } from "../text/terms.js";

const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  sec: 1,
  minute: 60,
  min: 60,
  hour: 3600,
  day: 86_400,
  week: 604_800,
};

export interface FigureMention {
  /** Counted noun (stemmed), or "duration" (value in seconds). */
  key: string;
  value: number;
  /** Where the figure is in the (example-free) text. */
  index: number;
}

export interface Figures {
  /** Counted noun (stemmed) → the values stated for it; durations under "duration" in seconds. */
  counts: Map<string, Set<number>>;
  mentions: FigureMention[];
  /** Minimum versions stated ("14.9 or higher"). */
  minVersions: number[];
  /** The text the figures were read from (illustrations blanked out). */
  text: string;
}

const COUNT = /(?<![\w.])(\d+(?:\.\d+)?)(?:\s*-\s*|\s+)(?:more\s+|additional\s+|extra\s+)?([a-z][a-z-]*)/gi;
const MIN_VERSION =
  /\b(?:version\s+|v)?(\d+(?:\.\d+)*)\s*(?:\+|or (?:higher|later|above|newer|greater)|and (?:up|above|higher|later|newer)|up\b|onwards?)|\b(?:at least|from) (?:version\s+)?(\d+(?:\.\d+)*)(?=\s+(?:up|onwards?|and up))/gi;
// Illustrations are not statements: `"every 10 minutes" or "every 3 hours"`, "(e.g. 5 retries)",
// ", like 10 seconds, then 1 minute".
const EXAMPLES =
  /"[^"]*"|\((?:e\.g\.|for example|such as|like)[^)]*\)|,?\s*\b(?:e\.g\.|for example|for instance|such as|like)\s+(?=[^,.;]*\d)[^;]*$/gi;
const NOT_NOUN = /^(?:or|and|to|of|in|on|at|by|for|is|are|the|a|an|up|and|than|per|every|each|then)$/;
// Bounds are compared only with bounds of the same direction: "shorter than 1 day" says nothing
// against "every 1 hour", "up to 1000 runs" contradicts "no more than 100 runs".
const UPPER =
  /\b(?:up to|at most|no more than|not more than|less than|fewer than|shorter than|under|within|maximum of|max(?:imum)?|as many as|below)\s+$/i;
const LOWER =
  /\b(?:at least|more than|greater than|longer than|over|minimum of|min(?:imum)?|above|or more)\s+$/i;

export function figuresOf(raw: string, options: { examples?: boolean; lexicon?: TermLexicon } = {}): Figures {
  const lex = options.lexicon ?? ENGLISH_LEXICON;
  // Illustrations are left out unless asked for (a doc's example can still confirm a figure).
  const text = options.examples ? raw : raw.replace(EXAMPLES, (m) => " ".repeat(m.length));
  const counts = new Map<string, Set<number>>();
  const mentions: FigureMention[] = [];
  for (const m of text.matchAll(COUNT)) {
    const value = Number(m[1]);
    const noun = m[2]!.toLowerCase();
    if (!Number.isFinite(value)) continue;
    const unit = UNIT_SECONDS[noun.replace(/s$/, "")];
    if (!unit && NOT_NOUN.test(noun)) continue;
    const before = text.slice(Math.max(0, m.index! - 24), m.index!);
    const bound = UPPER.test(before) ? "<" : LOWER.test(before) ? ">" : "";
    const key = `${bound}${unit ? "duration" : lex.stem(noun)}`;
    const v = unit ? value * unit : value;
    const set = counts.get(key) ?? new Set<number>();
    set.add(v);
    counts.set(key, set);
    mentions.push({ key, value: v, index: m.index! });
  }
  const minVersions: number[] = [];
  for (const m of text.matchAll(MIN_VERSION)) {
    const v = m[1] ?? m[2];
    if (v) minVersions.push(versionValue(v));
  }
  return { counts, mentions, minVersions, text };
}

function versionValue(v: string): number {
  const [major = "0", minor = "0"] = v.split(".");
  return Number(major) + Number(minor) / 1000;
}

/**
 * Two sentences give different figures for the same thing. `sameThing(claimAt, docAt)` decides
 * whether two figures measure the same thing (the caller compares what surrounds them); figures
 * of the same counted noun ("3 retries" vs "5 retries") always do.
 */
export function conflictingFigure(
  claim: string,
  doc: string,
  sameThing: (claim: FigureMention, claimText: string, doc: FigureMention, docText: string) => boolean = () =>
    true,
  lexicon: TermLexicon = ENGLISH_LEXICON,
): string | null {
  const a = figuresOf(claim, { lexicon });
  const b = figuresOf(doc, { lexicon });
  for (const [key, values] of a.counts) {
    const other = b.counts.get(key);
    if (!other || [...values].some((v) => other.has(v))) continue;
    const related =
      !key.endsWith("duration") ||
      a.mentions.some(
        (x) => x.key === key && b.mentions.some((y) => y.key === key && sameThing(x, a.text, y, b.text)),
      );
    if (related)
      return `different figure for "${key.replace(/^[<>]/, "")}" (${[...values].join(", ")} vs ${[...other].join(", ")})`;
  }
  if (a.minVersions.length && b.minVersions.length && !a.minVersions.some((v) => b.minVersions.includes(v)))
    return `a different minimum version (${a.minVersions.join(", ")} vs ${b.minVersions.join(", ")})`;
  return null;
}

/** Every figure the claim states is also in the doc text (or the claim states none). */
export function figuresAgree(claim: string, doc: string, lexicon: TermLexicon = ENGLISH_LEXICON): boolean {
  const a = figuresOf(claim, { lexicon });
  if (!a.counts.size && !a.minVersions.length) return true;
  const b = figuresOf(doc, { examples: true, lexicon });
  const docValues = new Set([...b.counts.values()].flatMap((v) => [...v]));
  return (
    [...a.counts.values()].every((values) => [...values].some((v) => docValues.has(v))) &&
    a.minVersions.every((v) => b.minVersions.includes(v))
  );
}

export function statesFigures(text: string, lexicon: TermLexicon = ENGLISH_LEXICON): boolean {
  const f = figuresOf(text, { lexicon });
  return f.counts.size > 0 || f.minVersions.length > 0;
}

export type DefaultValue = "on" | "off";

const DEFAULT_ON =
  /\b(?:on|enabled|true|active|turned on|switched on)\s+(?:by default|out of the box)|\bby default,?\s+(?:it(?:'s| is)\s+)?(?:on|enabled)\b|\bdefaults? to (?:on|true|enabled)\b/i;
const DEFAULT_OFF =
  /\b(?:off|disabled|false|inactive|turned off|switched off)\s+(?:by default|out of the box)|\bby default,?\s+(?:it(?:'s| is)\s+)?(?:off|disabled)\b|\bdefaults? to (?:off|false|disabled|none|0)\b|\bnot \w+ by default\b|\bDefault:\s*`?(?:False|0|None|null|off|disabled|\[\])`?(?=\s|$)/i;
const DEFAULT_ON_FIELD = /\bDefault:\s*`?(?:True|on|enabled)`?(?=\s|$)/i;

/** Whether a sentence says something is on or off by default. */
export function statedDefault(text: string): DefaultValue | null {
  if (DEFAULT_OFF.test(text)) return "off";
  if (DEFAULT_ON.test(text) || DEFAULT_ON_FIELD.test(text)) return "on";
  return null;
}
