/**
 * Which of two things wins: "the ones in the config file win", "the active profile wins over
 * environment variables" against "triggers passed to the deploy command take precedence over
 * those defined in the config file". Reps often get the order of settings, sources or policies backwards;
 * the docs state it as "A takes precedence over B", "A overrides B", "A wins over B".
 */
import { ENGLISH_LEXICON, type TermLexicon } from "../text/terms.js";

export interface Precedence {
  /** Terms of what wins. */
  winner: Set<string>;
  /** Terms of what loses; empty when the sentence names only the winner ("X wins"). */
  loser: Set<string>;
}

const VERB =
  /\b(?:takes? precedence|take priority|takes priority|has precedence|have precedence|wins?|overrides?|overrule[sd]?|beats?|trumps?|(?:is|are) preferred)\b(?:\s+over\b)?/i;
/** Where a noun phrase stops when read backwards or forwards from the verb. */
const BOUNDARY = /[,;:!?]|\.(?=\s|$)|\b(?:and|but|so|then|if|when|because|while|whereas|which|that)\b/i;
const PHRASE_TERMS = 5;

/** What the text says wins over what, or null when it states no precedence. */
export function precedenceOf(text: string, lex: TermLexicon = ENGLISH_LEXICON): Precedence | null {
  const m = VERB.exec(text);
  if (!m) return null;
  // "any deployment can override that", "you can add or override job variables": overriding as
  // a thing one may do is a way to change a value, not a statement of which source wins.
  if (/\b(?:can|could|may|might|to|or|and)\s+(?:\w+\s+)?$/i.test(text.slice(0, m.index))) return null;
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  const winnerText = before.split(BOUNDARY).at(-1) ?? "";
  // The loser follows "over", or directly an override verb ("A overrides B").
  const takesObject = /\bover\b$/i.test(m[0]) || /^overr/i.test(m[0]);
  const loserText = takesObject ? (after.split(BOUNDARY)[0] ?? "") : "";
  const winner = terms(winnerText, true, lex);
  if (!winner.size) return null;
  return { winner, loser: terms(loserText, false, lex) };
}

function terms(phrase: string, fromEnd: boolean, lex: TermLexicon): Set<string> {
  const all = lex.contentTerms(phrase).filter((t) => !lex.isWeak(t));
  return new Set(fromEnd ? all.slice(-PHRASE_TERMS) : all.slice(0, PHRASE_TERMS));
}

/**
 * The claim's winner is what the docs say loses (or the claim's loser is what the docs say
 * wins), and the two do not name the same winner.
 */
export function conflictingPrecedence(
  claim: string,
  doc: string,
  lex: TermLexicon = ENGLISH_LEXICON,
): string | null {
  const c = precedenceOf(claim, lex);
  const d = precedenceOf(doc, lex);
  if (!c || !d?.loser.size) return null;
  if (overlaps(c.winner, d.winner)) return null;
  if (overlaps(c.winner, d.loser) || overlaps(c.loser, d.winner))
    return "the docs give precedence the other way round";
  return null;
}

function overlaps(a: Set<string>, b: Set<string>): boolean {
  for (const x of a) if (b.has(x)) return true;
  return false;
}
