/**
 * The deterministic judge: a spoken product claim against retrieved documentation.
 *
 * 1. Align: every sentence of every hit is scored by how much of the claim's content (stemmed,
 *    synonyms folded, frequent product words down-weighted) it covers; the best sentence decides.
 * 2. Compare the claim with that sentence for conflicts: opposite polarity (one negated, the
 *    other not), opposite words (higher/lower, public/private, workspace/account, …), different
 *    figures for the same thing, and absolute words ("any", "every", "automatically") against a
 *    negated or restricted statement.
 * 3. Verdict: "contradicted" only with strong alignment and a conflict; "supported" with strong
 *    alignment and none; otherwise "unverifiable". A false "contradicted" costs the rep's trust,
 *    so its bar is the highest. Prices and plan quotas the docs do not state stay unverifiable.
 */
import { cleanDocText, splitDocSentences } from "../coach/evidence-text.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import type { Verdict } from "../model/report.js";
import { contentTerms, termWeight, WEAK_TERMS } from "./text-terms.js";

export interface ClaimJudgement {
  verdict: Verdict;
  confidence: number;
  correction: string | null;
  /** Best first; the hit holding the deciding sentence leads. */
  evidence: KnowledgeHit[];
  /** The documentation sentence the verdict rests on, when one aligned. */
  decidingSentence: string | null;
  /** Why, in a few words (for debugging and the LLM prompt). */
  reason: string;
}

interface Alignment {
  hit: KnowledgeHit;
  hitIndex: number;
  sentence: string;
  coverage: number;
  matched: number;
}

const SUPPORT_COVERAGE = 0.5;
const CONTRADICT_COVERAGE = 0.42;
const MIN_MATCHED_TERMS = 2;

const NEGATION = /\b(?:not|no|never|cannot|none|nothing|neither|nor|without)\b|n't\b/i;
const PRICE =
  /(?:\$|€|£|\bdollars?\b|\beuros?\b|\bpounds?\b|\bper (?:month|year|seat|user)\b|\ba month\b|\bbilled\b|\bpric(?:e|es|ing)\b|\bcosts?\b|\bdiscount\b|\bplan (?:includes|comes with|gives)\b)/i;

const OPPOSITES: [RegExp, RegExp][] = [
  [/\bhigh(?:er)?\b/i, /\blow(?:er)?\b/i],
  [/\bmore\b/i, /\bfewer\b|\bless\b/i],
  [/\bgreater\b/i, /\bsmaller\b|\blesser\b/i],
  [/\binbound\b/i, /\boutbound\b/i],
  [/\bpush\b/i, /\bpull\b/i],
  [/\boptional\b/i, /\brequired\b|\bmandatory\b/i],
  [/\bpublic(?:ly)?\b/i, /\bprivate(?:ly)?\b/i],
  [/\bworkspace\b/i, /\baccount[- ]level\b|\bat the account\b|\bper account\b/i],
  [/\bsynchronous(?:ly)?\b/i, /\basynchronous(?:ly)?\b/i],
  [/\bbefore\b/i, /\bafter\b/i],
  [/\benabled\b/i, /\bdisabled\b/i],
  [/\bautomatic(?:ally)?\b/i, /\bmanual(?:ly)?\b/i],
  [/\bopen[- ]source\b|\bfree\b/i, /\bpaid\b|\benterprise (?:plan|tier)\b|\bcloud[- ]only\b/i],
  [/\bencrypted\b/i, /\bunencrypted\b|\bplain ?text\b/i],
  [/\bminimum\b/i, /\bmaximum\b/i],
  [/\bfirst\b/i, /\blast\b/i],
];

const NUMBER_WORDS: Record<string, number> = {
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
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  forty: 40,
  fifty: 50,
  sixty: 60,
  hundred: 100,
  thousand: 1000,
};

export function judgeClaim(claim: ClaimMoment, hits: KnowledgeHit[]): ClaimJudgement {
  const ordered = (lead: KnowledgeHit | null) =>
    lead ? [lead, ...hits.filter((h) => h !== lead)].slice(0, 3) : hits.slice(0, 3);

  // Each clause is aligned on its own: a sentence that mixes a right and a wrong statement is
  // wrong, and filler ("That's fine, …") must not dilute the part that carries the claim.
  const parts = claimClauses(claim.text)
    .map((text) => ({ text, best: align(uniqueTerms(text), hits) }))
    .filter(
      (p): p is { text: string; best: Alignment } => p.best !== null && p.best.matched >= MIN_MATCHED_TERMS,
    );
  if (!parts.length) {
    return verdict(
      "unverifiable",
      0.2,
      null,
      ordered(null),
      null,
      "no documentation sentence aligns with the claim",
    );
  }

  const conflicts = parts
    .map((p) => ({ ...p, conflict: findConflict(p.text, p.best.sentence) }))
    .filter((p) => p.conflict && p.best.coverage >= CONTRADICT_COVERAGE)
    .sort((a, b) => b.best.coverage - a.best.coverage);
  const decisive = conflicts[0];
  if (decisive) {
    return verdict(
      "contradicted",
      clamp(0.45 + decisive.best.coverage * 0.5, 0, 0.95),
      correction(decisive.best),
      ordered(decisive.best.hit),
      decisive.best.sentence,
      `${decisive.conflict} (coverage ${decisive.best.coverage.toFixed(2)})`,
    );
  }

  const best = parts.reduce((a, b) => (b.best.coverage > a.best.coverage ? b : a)).best;
  if (PRICE.test(claim.text) && !sharesFigures(claim.text, best.sentence)) {
    return verdict(
      "unverifiable",
      0.3,
      null,
      ordered(best.hit),
      best.sentence,
      "prices and plan quotas are not in the docs",
    );
  }
  const unsupportedConflict = parts.some((p) => findConflict(p.text, p.best.sentence));
  if (!unsupportedConflict && best.coverage >= SUPPORT_COVERAGE && figuresAgree(claim.text, best.sentence)) {
    return verdict(
      "supported",
      clamp(0.35 + best.coverage * 0.6, 0, 0.95),
      null,
      ordered(best.hit),
      best.sentence,
      `aligned sentence covers ${Math.round(best.coverage * 100)}% of the claim`,
    );
  }
  return verdict(
    "unverifiable",
    clamp(0.5 - best.coverage * 0.4, 0.1, 0.5),
    null,
    ordered(best.hit),
    best.sentence,
    unsupportedConflict ? "possible conflict but weak alignment" : "partial alignment only",
  );
}

/** The claim's clauses with enough content to check; the whole sentence when it has one clause. */
export function claimClauses(text: string): string[] {
  const clauses = text
    .split(
      /\s*(?:[;:—–]|,\s*(?:so|and|but|which|whose|because|since|while|then)\b|\b(?:so that|so you|rather than|instead of)\b)\s*/i,
    )
    .map((c) => c.trim())
    .filter((c) => contentTerms(c).length >= 3);
  return clauses.length ? clauses : [text];
}

function verdict(
  v: Verdict,
  confidence: number,
  correctionText: string | null,
  evidence: KnowledgeHit[],
  decidingSentence: string | null,
  reason: string,
): ClaimJudgement {
  return {
    verdict: v,
    confidence: Math.round(confidence * 100) / 100,
    correction: correctionText,
    evidence,
    decidingSentence,
    reason,
  };
}

function uniqueTerms(text: string): Map<string, number> {
  const terms = new Map<string, number>();
  for (const t of contentTerms(text)) terms.set(t, termWeight(t));
  return terms;
}

/** The documentation sentence (alone, or with its neighbour) that covers most of the claim. */
function align(claimTerms: Map<string, number>, hits: KnowledgeHit[]): Alignment | null {
  const total = [...claimTerms.values()].reduce((a, b) => a + b, 0);
  if (!total) return null;
  let best: Alignment | null = null;
  hits.forEach((hit, hitIndex) => {
    const sentences = splitDocSentences(hit.content || hit.snippet);
    const context = new Set(contentTerms(`${hit.title} ${hit.section ?? ""}`));
    sentences.forEach((sentence) => {
      const terms = new Set(contentTerms(sentence));
      let covered = 0;
      let matched = 0;
      for (const [term, weight] of claimTerms) {
        if (terms.has(term)) {
          covered += weight;
          matched++;
        } else if (context.has(term)) {
          covered += weight * 0.5; // the page or section is about it, the sentence takes it as given
        }
      }
      // Earlier hits are more relevant by the retriever's ranking: a small tie-breaking nudge.
      const coverage = covered / total - hitIndex * 0.005;
      if (!best || coverage > best.coverage) best = { hit, hitIndex, sentence, coverage, matched };
    });
  });
  return best;
}

/** A reason the claim and the sentence cannot both be true, or null. */
export function findConflict(claim: string, doc: string): string | null {
  const claimTerms = new Set(contentTerms(claim));
  const docTerms = new Set(contentTerms(doc));
  // Polarity: a negation conflicts only when what it negates is what the other side asserts.
  if (negatesShared(doc, claimTerms) && !NEGATION.test(claim)) return "the docs state the negative";
  if (negatesShared(claim, docTerms) && !NEGATION.test(doc)) return "the claim denies what the docs state";
  for (const [a, b] of OPPOSITES) {
    if (a.test(claim) && !a.test(doc) && b.test(doc) && !b.test(claim)) return "opposite terms";
    if (b.test(claim) && !b.test(doc) && a.test(doc) && !a.test(claim)) return "opposite terms";
  }
  const figure = conflictingFigure(claim, doc);
  if (figure) return figure;
  return null;
}

const NEGATION_CUE = /\b(?:not|never|cannot|without|no)\b|n't\b/gi;
const SKIPPED_AFTER_NEGATION = new Set(
  "be been being is are was were do does did have has had get gets got to the a an any your their its it them this that ever yet always actually really necessarily automatically".split(
    " ",
  ),
);
const QUANTIFIERS = new Set(["each", "every", "all", "only", "just", "both", "either"]);

/**
 * True when a negation in `text` applies to a term of `other`: the first content word after the
 * cue (auxiliaries and articles skipped; after a quantifier — "not each HTTP batch" — the next two)
 * is one of the other side's specific terms. "Deployments do not contain code" then does not clash
 * with "code stays in your storage", while "won't capture logs" clashes with "captures the logs".
 */
function negatesShared(text: string, otherTerms: Set<string>): boolean {
  for (const m of text.matchAll(NEGATION_CUE)) {
    const after =
      text
        .slice(m.index! + m[0].length)
        .toLowerCase()
        .match(/[a-z][a-z0-9_.-]*/g) ?? [];
    const scope: string[] = [];
    let quantified = false;
    for (const word of after) {
      if (QUANTIFIERS.has(word)) {
        quantified = true;
        continue;
      }
      if (SKIPPED_AFTER_NEGATION.has(word)) continue;
      scope.push(word);
      if (scope.length >= (quantified ? 2 : 1)) break;
    }
    if (
      scope.some((w) => {
        const t = contentTerms(w)[0];
        return t !== undefined && !WEAK_TERMS.has(t) && otherTerms.has(t);
      })
    )
      return true;
  }
  return false;
}

function numbersWithNouns(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re =
    /\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|thousand)\s+([a-z]+)/gi;
  for (const m of text.matchAll(re)) {
    const raw = m[1]!.toLowerCase();
    const value = NUMBER_WORDS[raw] ?? Number(raw);
    const noun = m[2]!.toLowerCase().replace(/s$/, "");
    if (Number.isFinite(value)) out.set(noun, value);
  }
  return out;
}

function conflictingFigure(claim: string, doc: string): string | null {
  const a = numbersWithNouns(claim);
  const b = numbersWithNouns(doc);
  for (const [noun, value] of a) {
    const other = b.get(noun);
    if (other !== undefined && other !== value)
      return `different figure for "${noun}" (${value} vs ${other})`;
  }
  return null;
}

/** Every figure the claim states is also in the sentence (or the claim states none). */
function figuresAgree(claim: string, doc: string): boolean {
  const a = numbersWithNouns(claim);
  if (!a.size) return true;
  const b = numbersWithNouns(doc);
  const docNumbers = new Set([...b.values()]);
  return [...a.values()].every((v) => docNumbers.has(v));
}

function sharesFigures(claim: string, doc: string): boolean {
  const a = numbersWithNouns(claim);
  return a.size > 0 && figuresAgree(claim, doc);
}

function correction(best: Alignment): string {
  const sentence = cleanDocText(best.sentence);
  return `The docs say: "${sentence}" (${best.hit.title}, ${best.hit.url})`;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
