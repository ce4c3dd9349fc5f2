/**
 * Content terms: the words of a text that say what it is about, stemmed (Porter) with synonyms
 * folded to one form and stopwords dropped, so a spoken claim and a documentation sentence can
 * be compared word by word. What folds together is a `TermLexicon`: the English one below holds
 * what is true of any product (generic paraphrases, inflections, everyday software synonyms); a
 * product profile adds its own (feature synonyms, its most frequent words) with `compileLexicon`.
 */
import { normalizeNumbers } from "./numbers.js";
import { escapeRegExp } from "./regex.js";
import { porterStem } from "./stems.js";
import { STOPWORDS } from "./stopwords.js";

export interface LexiconData {
  /** Words that mean the same thing, each group folded to the stem of its first word. */
  synonyms?: readonly (readonly string[])[];
  /** Spoken phrasings and the words documentation uses for the same thing. */
  phrases?: readonly { spoken: readonly string[]; docs: string }[];
  /** Terms so frequent that matching them says little (used when no document statistics are at hand). */
  weakTerms?: readonly string[];
}

/** Words that mean the same thing in software documentation, whatever the product. */
const ENGLISH_SYNONYMS: string[][] = [
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
  ["fire", "fires", "trigger", "triggers", "triggered"],
  ["assign", "assigns", "attach", "attaches", "associate", "associated"],
  ["disk", "filesystem", "file-system"],
  ["pod", "container", "containers", "pods"],
  ["postgres", "postgresql"],
  // Speech-to-text writes one for the other.
  ["pass", "passed", "past"],
  ["distribute", "distributes", "distributed", "spread", "spreads"],
];

interface Phrase {
  pattern: RegExp;
  docs: string;
}

// Spoken phrasings → the words documentation uses for the same thing.
const ENGLISH_PHRASES: Phrase[] = [
  { pattern: /\bout of the box\b/gi, docs: "by default" },
  {
    pattern: /\b(?:on (?:its|their) own|by (?:itself|themselves)|for you automatically|for you)\b/gi,
    docs: "automatically",
  },
  { pattern: /\bdaylight sav(?:ing|ings)(?: time)?\b/gi, docs: "DST" },
  { pattern: /\bhourly\b/gi, docs: "every 1 hour" },
  { pattern: /\bdaily\b/gi, docs: "every 1 day" },
  { pattern: /\bhalf an hour\b/gi, docs: "30 minutes" },
  { pattern: /\bturn(?:ed|s)? (?:it |them )?on\b/gi, docs: "enabled" },
  { pattern: /\bturn(?:ed|s)? (?:it |them )?off\b/gi, docs: "disabled" },
  { pattern: /\bno longer than\b/gi, docs: "at most" },
];

/** Frequent in any product's docs and calls. */
const ENGLISH_WEAK_TERMS = ["default", "time", "want"];

// Words, and figures of two or more digits ("4200", "14.9"): a port or version is as specific as a name.
const WORD = /[a-z][a-z0-9_.-]*[a-z0-9]|[a-z]|\d+(?:\.\d+)*(?=[^\d]|$)/g;

/** One compiled set of synonyms, phrasings and weak terms; build it once and reuse it. */
export class TermLexicon {
  private readonly canonical = new Map<string, string>();
  private readonly phrases: Phrase[];
  /** Weak terms, stemmed. */
  readonly weakTerms: ReadonlySet<string>;

  constructor(data: LexiconData, phrases: Phrase[] = []) {
    for (const group of data.synonyms ?? []) {
      const canonical = porterStem(group[0]!);
      for (const w of group) this.canonical.set(w.toLowerCase(), canonical);
    }
    this.phrases = [
      ...phrases,
      ...(data.phrases ?? []).map((p) => ({
        pattern: new RegExp(`\\b(?:${p.spoken.map(escapeRegExp).join("|")})\\b`, "gi"),
        docs: p.docs,
      })),
    ];
    this.weakTerms = new Set((data.weakTerms ?? []).map((w) => this.stem(w)));
  }

  /** Stem of a word, with synonyms folded to one form. */
  stem(word: string): string {
    const w = word.toLowerCase();
    const canonical = this.canonical.get(w);
    if (canonical) return canonical;
    // Identifiers ("config.yaml", "timeout_seconds", "tag-based") are kept whole.
    if (/[._-]/.test(w) || /\d/.test(w)) return w;
    const s = porterStem(w);
    return this.canonical.get(s) ?? s;
  }

  isWeak(term: string): boolean {
    return this.weakTerms.has(term);
  }

  /** Content words of a text, stemmed (stopwords and one-letter words dropped). */
  contentTerms(text: string): string[] {
    const words = text.toLowerCase().match(WORD) ?? [];
    const out: string[] = [];
    for (const w of words) {
      if (STOPWORDS.has(w) || w.length < 2) continue;
      out.push(this.stem(w));
      // "sdk.runtime", "timeout_seconds": the parts are words too.
      if (/[a-z][._][a-z]/.test(w))
        for (const part of w.split(/[._]+/))
          if (part.length >= 2 && !STOPWORDS.has(part)) out.push(this.stem(part));
    }
    return out;
  }

  /** Content words with the surface form each stem was first seen as (for frequency look-ups). */
  contentWords(text: string): Map<string, string> {
    const out = new Map<string, string>();
    for (const w of text.toLowerCase().match(WORD) ?? []) {
      if (STOPWORDS.has(w) || w.length < 2) continue;
      const s = this.stem(w);
      if (!out.has(s)) out.set(s, w);
    }
    return out;
  }

  /** Spoken paraphrases and numbers in the documentation's wording. */
  normalize(text: string): string {
    let out = text;
    for (const { pattern, docs } of this.phrases) out = out.replace(pattern, docs);
    return normalizeNumbers(out);
  }
}

/**
 * The English lexicon extended by a product's: its synonym groups, phrasings and weak terms are
 * added after the English ones (a word in both takes the product's group).
 */
export function compileLexicon(product: LexiconData = {}): TermLexicon {
  return new TermLexicon(
    {
      synonyms: [...ENGLISH_SYNONYMS, ...(product.synonyms ?? [])],
      weakTerms: [...ENGLISH_WEAK_TERMS, ...(product.weakTerms ?? [])],
      ...(product.phrases ? { phrases: product.phrases } : {}),
    },
    ENGLISH_PHRASES,
  );
}

/** What is true of any product; for callers that have no product profile at hand. */
export const ENGLISH_LEXICON = compileLexicon();
