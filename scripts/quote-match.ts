/**
 * How labeled quotes are found in analyzed text, shared by the eval-format tests, the classifier's
 * training data and the development scripts: lower case, curly apostrophes made straight,
 * punctuation dropped, whitespace squeezed.
 */
export function normalizeQuote(s: string): string {
  return s
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[^\p{L}\p{N}' ]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** The eval's rule: the text contains the quote, or the quote contains a text at least half its length. */
export function matchesQuote(text: string, quote: string): boolean {
  const t = normalizeQuote(text);
  const q = normalizeQuote(quote);
  return t.includes(q) || (q.includes(t) && t.length * 2 >= q.length);
}
