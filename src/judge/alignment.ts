/**
 * How much of a claim clause a documentation passage covers. Each claim term weighs by how rare
 * it is in the documentation (`TermWeights`): "webhook" or "handshake" say far more about a
 * sentence than "run" or the product's name. A term counts fully when the passage's statement holds it (or
 * its opposite: same subject, other value), partly when only its neighbours, a list's lead-in or a
 * table's header do, and less when only the page title or section heading does.
 */

import type { TermLexicon } from "../text/terms.js";
import type { ConflictRules } from "./conflicts.js";
import type { Passage } from "./doc-passages.js";
import type { TermWeights } from "./term-weights.js";

export interface Alignment {
  passage: Passage;
  /** Weighted share of the clause covered, 0–1 (a small nudge for the retriever's order). */
  coverage: number;
  /** Weighted share covered by the statement itself. */
  focus: number;
  /** Claim terms found in the statement itself. */
  matched: number;
  /** Content terms of the statement. */
  statementTerms: number;
}

export interface ClauseTerms {
  text: string;
  weights: Map<string, number>;
  total: number;
}

const CONTEXT_CREDIT = 0.6;
const HEADING_CREDIT = 0.5;
const MIN_MATCHED = 2;
/**
 * The statement itself must hold some of the clause: neighbours only support it. A floor, not a
 * bar: how much it holds is a feature the model weighs (`align.focus`), and a refuting statement
 * often words the clause differently.
 */
const MIN_FOCUS = 0.1;

/** Weight kept by a claim term that no retrieved passage uses: the rep's own example or filler. */
const ABSENT_FACTOR = 0.3;

/**
 * The clause's terms with their weights. Terms that none of the retrieved passages use (a
 * customer's example, "Europe/London", or conversational filler) cannot be checked against this
 * evidence either way and weigh less.
 */
export function clauseTerms(
  text: string,
  weights: TermWeights,
  lex: TermLexicon,
  evidenceTerms?: Set<string>,
): ClauseTerms {
  const map = new Map<string, number>();
  for (const [term, surface] of lex.contentWords(text)) {
    const w = weights.weight(term, surface);
    map.set(term, evidenceTerms && !evidenceTerms.has(term) ? w * ABSENT_FACTOR : w);
  }
  return { text, weights: map, total: [...map.values()].reduce((a, b) => a + b, 0) };
}

/** Every term of the passages (statements, context and headings). */
export function evidenceTerms(passages: Passage[], lex: TermLexicon): Set<string> {
  const out = new Set<string>();
  for (const p of passages) {
    const t = termsOf(p, lex);
    for (const set of [t.focus, t.context, t.heading]) for (const x of set) out.add(x);
  }
  return out;
}

interface PassageTerms {
  /** The lexicon the terms were stemmed with (a passage is judged for one product at a time). */
  lex: TermLexicon;
  focus: Set<string>;
  context: Set<string>;
  heading: Set<string>;
}
const termCache = new WeakMap<Passage, PassageTerms>();
function termsOf(p: Passage, lex: TermLexicon): PassageTerms {
  let t = termCache.get(p);
  if (t?.lex !== lex) {
    t = {
      lex,
      focus: new Set(lex.contentTerms(p.text)),
      context: new Set(lex.contentTerms(p.context)),
      heading: new Set(lex.contentTerms(p.heading)),
    };
    termCache.set(p, t);
  }
  return t;
}

/** The passages that cover most of the clause, best first. */
export function alignClause(
  clause: ClauseTerms,
  passages: Passage[],
  rules: ConflictRules,
  limit: number,
): Alignment[] {
  if (!clause.total) return [];
  const minMatched = Math.min(MIN_MATCHED, clause.weights.size);
  const found: Alignment[] = [];
  for (const passage of passages) {
    const t = termsOf(passage, rules.lexicon);
    let covered = 0;
    let focus = 0;
    let matched = 0;
    for (const [term, weight] of clause.weights) {
      if (t.focus.has(term) || hasOpposite(term, t.focus, rules)) {
        covered += weight;
        focus += weight;
        matched++;
      } else if (t.context.has(term)) covered += weight * CONTEXT_CREDIT;
      else if (t.heading.has(term)) covered += weight * HEADING_CREDIT;
    }
    if (matched < minMatched || focus / clause.total < MIN_FOCUS) continue;
    found.push({
      passage,
      coverage: covered / clause.total - passage.hitIndex * 0.004,
      focus: focus / clause.total,
      matched,
      statementTerms: t.focus.size,
    });
  }
  return found.sort((a, b) => b.coverage - a.coverage).slice(0, limit);
}

function hasOpposite(term: string, terms: Set<string>, rules: ConflictRules): boolean {
  const others = rules.oppositeStems.get(term);
  if (!others) return false;
  for (const o of others) if (terms.has(o)) return true;
  return false;
}
