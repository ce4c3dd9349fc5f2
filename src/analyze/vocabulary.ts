/**
 * The product vocabulary that tells a product claim from small talk, and names its topic. It is
 * data: the product profile's vocabulary.json, with the technology names its docs-terms.json
 * derives from the docs (see analyze/product.ts, which compiles it once per profile).
 */

import { lightStem } from "../text/stems.js";

export interface ProductVocabulary {
  /** Names of the product and its editions, matched case-insensitively as words. */
  productNames: string[];
  /** Feature nouns; multi-word ones first so "work pool" wins over "pool". */
  terms: string[];
  /**
   * Terms too broad to name a claim's topic when a more specific one is in the sentence:
   * "one deployment can have several schedules" is about schedules.
   */
  generalTerms?: string[];
  /** Topic to report for a matched term when the term itself reads badly as one ("a month"). */
  topicOf?: Record<string, string>;
  /**
   * Terms matched only as written (other terms also match their inflections: "scheduled runs"
   * names schedules): state names that double as everyday verbs ("it failed").
   */
  exactTerms?: string[];
  /**
   * Technology and product names matched case-sensitively, as the docs write them (Redis, RRule,
   * PostgreSQL, Helm): many are ordinary words in lower case. Derived from the docs.
   */
  names?: readonly string[];
}

export interface CompiledVocabulary {
  /** Returns matched terms in order of `terms` (then names, then product names). */
  match(sentence: string): string[];
  /**
   * The claim's topic: the most specific matched term (a multi-word feature name, then a
   * specific term, then a general one, then a technology name, then a product name), earliest
   * in the sentence within each rank; null when nothing matches.
   */
  topic(sentence: string): string | null;
}

interface Token {
  raw: string;
  lower: string;
  stem: string;
  at: number;
}

// Words keep inner dots, underscores, apostrophes and a trailing "+" (pyproject.toml,
// timeout_seconds, it's); hyphens separate words, so "open-source" meets "open source".
const WORD = /[\p{L}\p{N}]+(?:[._'\u2019][\p{L}\p{N}]+)*\+?/gu;

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(WORD)) {
    const raw = m[0];
    out.push({ raw, lower: raw.toLowerCase(), stem: lightStem(raw), at: m.index ?? 0 });
  }
  return out;
}

interface Entry {
  term: string;
  rank: number;
  order: number;
}

const MAX_WORDS = 5;

export function compileVocabulary(vocab: ProductVocabulary): CompiledVocabulary {
  const general = new Set((vocab.generalTerms ?? []).map((t) => t.toLowerCase()));
  const exact = new Set((vocab.exactTerms ?? []).map((t) => t.toLowerCase()));
  const topics = new Map(Object.entries(vocab.topicOf ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  const known = new Set([...vocab.terms, ...vocab.productNames].map((t) => t.toLowerCase()));
  // Keys: stems of a term's words (inflections match), the lower-case words (exact terms and
  // product names), or the words as written (technology names).
  const byStem = new Map<string, Entry[]>();
  const byLower = new Map<string, Entry[]>();
  const byRaw = new Map<string, Entry[]>();
  let order = 0;
  const add = (map: Map<string, Entry[]>, key: string, entry: Entry) => {
    if (key) map.set(key, [...(map.get(key) ?? []), entry]);
  };
  for (const t of vocab.terms) {
    const words = tokenize(t);
    const rank = general.has(t.toLowerCase()) ? 2 : words.length > 1 ? 0 : 1;
    const entry = { term: t, rank, order: order++ };
    if (exact.has(t.toLowerCase())) add(byLower, words.map((w) => w.lower).join(" "), entry);
    else add(byStem, words.map((w) => w.stem).join(" "), entry);
  }
  // Names the hand-written terms already cover keep the terms' ranking and topics.
  for (const n of vocab.names ?? []) {
    if (known.has(n.toLowerCase())) continue;
    add(
      byRaw,
      tokenize(n)
        .map((w) => w.raw)
        .join(" "),
      { term: n, rank: 2.5, order: order++ },
    );
  }
  for (const p of vocab.productNames)
    add(
      byLower,
      tokenize(p)
        .map((w) => w.lower)
        .join(" "),
      { term: p, rank: 3, order: order++ },
    );

  // Longest term in words, per map, so a sentence is scanned no wider than any term.
  const widest = Math.min(
    MAX_WORDS,
    Math.max(1, ...[...byStem.keys(), ...byLower.keys(), ...byRaw.keys()].map((k) => k.split(" ").length)),
  );
  // The claim detector asks about the same sentence several times (its own terms, its topic, as
  // context of the next sentences): remember recent answers.
  const recent = new Map<string, Map<Entry, number>>();
  const scan = (sentence: string) => {
    const known = recent.get(sentence);
    if (known) return known;
    const found = scanTokens(sentence);
    if (recent.size >= 256) recent.clear();
    recent.set(sentence, found);
    return found;
  };
  const scanTokens = (sentence: string) => {
    const tokens = tokenize(sentence);
    const found = new Map<Entry, number>();
    for (let i = 0; i < tokens.length; i++) {
      for (let n = 1; n <= widest && i + n <= tokens.length; n++) {
        const span = tokens.slice(i, i + n);
        const lower = span.map((w) => w.lower).join(" ");
        for (const [map, key] of [
          [byStem, span.map((w) => w.stem).join(" ")],
          [byLower, lower],
          [byRaw, span.map((w) => w.raw).join(" ")],
        ] as const) {
          const entries = map.get(key);
          if (!entries) continue;
          // Terms sharing a stem ("cache", "caching"): the one written in the sentence, as is
          // or with a plural ending, names it.
          const t = (e: Entry) => e.term.toLowerCase();
          const e = entries.find((x) => [t(x), `${t(x)}s`, `${t(x)}es`].includes(lower)) ?? entries[0]!;
          if (!found.has(e)) found.set(e, tokens[i]!.at);
        }
      }
    }
    return found;
  };

  return {
    match(sentence) {
      return [...scan(sentence).keys()].sort((a, b) => a.order - b.order).map((e) => e.term);
    },
    topic(sentence) {
      let best: { e: Entry; at: number } | null = null;
      for (const [e, at] of scan(sentence))
        if (!best || e.rank < best.e.rank || (e.rank === best.e.rank && at < best.at)) best = { e, at };
      if (!best) return null;
      const term = best.e.term.toLowerCase();
      return topics.get(term) ?? term;
    },
  };
}
