/**
 * How much a claim term says about a sentence, from the documentation's term frequencies: a word
 * found in a handful of chunks says much, one found in a third of them ("run", the product's own
 * name) nearly nothing.
 */
import type { TermStatistics } from "../model/knowledge.js";
import { ENGLISH_LEXICON, type TermLexicon } from "../text/terms.js";

export type { TermStatistics };

/** Weight of an absent word: the rep's own wording can neither confirm nor refute a claim. */
const UNSEEN_WEIGHT = 0.45;
const MIN_WEIGHT = 0.08;

/**
 * How much a term says about a sentence, 0–1: inverse document frequency scaled so that a word
 * found in a handful of chunks weighs 1 and one found in a third of them nearly nothing. Without
 * statistics, the lexicon's weak terms (the product's most frequent words) weigh 0.35.
 */
export class TermWeights {
  private readonly cache = new Map<string, number>();
  constructor(
    private readonly stats: TermStatistics | null = null,
    private readonly lexicon: TermLexicon = ENGLISH_LEXICON,
  ) {}

  weight(term: string, surface: string = term): number {
    let w = this.cache.get(term);
    if (w !== undefined) return w;
    if (!this.stats || this.stats.documents < 50) {
      w = this.lexicon.isWeak(term) ? 0.35 : 1;
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
