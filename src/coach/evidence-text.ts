/**
 * Picks the sentences of retrieved documentation that best answer a set of topic terms, so
 * coaching text can quote the docs instead of paraphrasing them. Words are compared with the
 * toolkit's evidence variant (`EVIDENCE_STOPWORDS`, `suffixStem`): the quotes were chosen with it.
 */
import { splitDocSentences } from "../text/doc-text.js";
import { suffixStem } from "../text/stems.js";
import { EVIDENCE_STOPWORDS } from "../text/stopwords.js";
import { wordsOf } from "../text/tokens.js";

/** Topic words of a text as coaching ranks evidence by them (unstemmed; `bestSentences` stems). */
export function contentTerms(text: string): string[] {
  return wordsOf(text, { stopwords: EVIDENCE_STOPWORDS, minLength: 3 });
}

/** Sentences ranked by how many distinct query terms (stemmed) they contain; ties keep doc order. */
export function bestSentences(content: string, terms: string[], limit: number): string[] {
  const wanted = new Set(terms.map(suffixStem));
  if (!wanted.size) return splitDocSentences(content).slice(0, limit);
  const scored = splitDocSentences(content).map((sentence, index) => {
    const have = new Set(contentTerms(sentence).map(suffixStem));
    let score = 0;
    for (const w of wanted) if (have.has(w)) score++;
    return { sentence, index, score };
  });
  return scored
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.index - b.index)
    .slice(0, limit)
    .map((s) => s.sentence);
}
