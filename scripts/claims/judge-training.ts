/** Pieces of the judge's training that the trainer and its tests share. */
import type { Passage } from "../../src/judge/doc-passages.js";
import { wordStems } from "../../src/judge/features.js";
import type { TermLexicon } from "../../src/text/terms.js";
import type { CorpusClaim } from "./corpus.js";

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, "");
const docKey = (p: string) => p.replace(/\.mdx?$/, "").replace(/\/index$/, "");

/**
 * Whether a passage holds the claim's deciding quote: it comes from one of the claim's pages and
 * shares most of the quote's words (passages are cleaned of Markdown, quotes are verbatim).
 */
export function holdsQuote(passage: Passage, claim: CorpusClaim, lex: TermLexicon): boolean {
  const url = passage.hit.url.replace(/^https?:\/\/[^/]+\//, "").replace(/[#?].*$/, "");
  if (!claim.docs.some((d) => docKey(d) === url || url === docKey(d).replace(/\/index$/, ""))) return false;
  const q = squash(claim.quote.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1"));
  const text = squash(`${passage.text}`);
  if (!q || !text) return false;
  if (text.includes(q.slice(0, 60)) || q.includes(text.slice(0, 60))) return true;
  const words = new Set(wordStems(passage.text, lex));
  const quoteWords = wordStems(claim.quote, lex);
  return quoteWords.length > 0 && quoteWords.filter((w) => words.has(w)).length / quoteWords.length >= 0.8;
}

/**
 * Word swaps reps make, mined from minimal pairs: the words the wrong twin says that the right one
 * does not, against the words only the right one says, when the two differ in at most three words
 * each. A swap counts when at least two different pairs show it.
 */
export function mineSwaps(claims: CorpusClaim[], lex: TermLexicon): [string, string[]][] {
  const byPair = new Map<string, CorpusClaim[]>();
  for (const c of claims) if (c.pair) byPair.set(c.pair, [...(byPair.get(c.pair) ?? []), c]);
  const count = new Map<string, number>();
  for (const members of byPair.values()) {
    const sup = members.find((m) => m.label === "supported");
    const con = members.find((m) => m.label === "contradicted");
    if (!sup || !con) continue;
    const a = new Set(wordStems(lex.normalize(con.text), lex).filter((w) => !/^\d/.test(w)));
    const b = new Set(wordStems(lex.normalize(sup.text), lex).filter((w) => !/^\d/.test(w)));
    const onlyA = [...a].filter((w) => !b.has(w));
    const onlyB = [...b].filter((w) => !a.has(w));
    if (!onlyA.length || !onlyB.length || onlyA.length > 3 || onlyB.length > 3) continue;
    for (const x of onlyA)
      for (const z of onlyB) {
        const key = x < z ? `${x}\u0000${z}` : `${z}\u0000${x}`;
        count.set(key, (count.get(key) ?? 0) + 1);
      }
  }
  const out = new Map<string, string[]>();
  for (const [key, n] of [...count].sort()) {
    if (n < 2) continue;
    const [x, z] = key.split("\u0000") as [string, string];
    out.set(x, [...(out.get(x) ?? []), z]);
  }
  return [...out];
}
