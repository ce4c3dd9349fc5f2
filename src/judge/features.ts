/**
 * A claim and the documentation retrieved for it → features for the learned judge, in two levels
 * (the retrieve-then-verify design of fact-checking systems):
 *
 * - Pair features, one vector per (claim, candidate passage): how well the passage aligns with the
 *   clause it is about (IDF-weighted coverage), what the typed detectors find (negation scope,
 *   figures, defaults, tiers and editions, closed lists, opposite pairs, precedence, quantifiers),
 *   what one side says that the other does not (terms, figures, polarity, closed-class words,
 *   known swaps, lexical differences), and the passage's kind (prose, list item, table row,
 *   settings entry, pack fact, reference page) and rank. The pair model reads them and says
 *   whether the passage states the claim, contradicts it, or is about something else.
 * - Claim features: the pair model's strongest answers, plus the claim's own shape (commercial
 *   terms, prices, modality, hedging, negation, length). The claim model reads them.
 *
 * No detector decides a verdict on its own: the weights of both models are fitted on the claim
 * corpus (see `model.ts`).
 */
import { isReferencePage } from "../knowledge/page-kinds.js";
import { memo } from "../memo.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import { splitClauses } from "../text/clauses.js";
import { escapeRegExp } from "../text/regex.js";
import type { TermLexicon } from "../text/terms.js";
import { type Alignment, alignClause, type ClauseTerms, clauseTerms, evidenceTerms } from "./alignment.js";
import { CONFLICT_KINDS, type Conflict, type ConflictRules, detectConflicts } from "./conflicts.js";
import { type Passage, passagesOf } from "./doc-passages.js";
import { figuresAgree, statesFigures } from "./figures.js";
import type { TermWeights } from "./term-weights.js";

export type FeatureVector = Record<string, number>;

/** Prefixes of the lexical-difference features: a word only the claim uses, only the passage uses. */
export const CLAIM_ONLY = "dc:";
export const DOCS_ONLY = "dd:";

/**
 * Candidate passages kept per clause. Eight rather than four: a wrong claim shares fewer words
 * with the passage that refutes it, so that passage ranks lower (on the corpus train split the
 * deciding passage of 44% of contradicted claims is among four candidates, 57% among eight).
 */
const CANDIDATES_PER_CLAUSE = 8;
/** Weight of a consequence clause ("…, so …") in the claim. */
const CONSEQUENCE_WEIGHT = 0.5;

const PRICE =
  /(?:\$|€|£|\bdollars?\b|\beuros?\b|\bpounds?\b|\bper (?:month|year|seat|user)\b|\ba month\b|\bbilled\b|\bpric(?:e|es|ing)\b|\bcosts?\b|\bdiscount\b|\bquotas?\b|\bcomes with\b|\bincludes up to\b)/i;
/** Commercial commitments: support terms, response times, uptime, fees, roadmap, references. */
const COMMERCIAL =
  /\b(?:uptime|response times?|support (?:engineers?|team|contracts?|plans?|tiers?)|dedicated (?:support|engineers?|csm|account)|severity[- ](?:one|1|two|2)|fees?|roadmap|next (?:quarter|release|year)|customers? (?:like|such as)|soc ?2|hipaa|iso ?27001|gdpr|sla)\b/i;
const MODAL = /\b(?:can|could|may|might|able to|lets? you|allows?)\b/i;
const HEDGE = /\b(?:i think|i believe|probably|i'm pretty sure|if i remember|roughly|something like)\b/i;
const NEGATION = /\b(?:not|never|no|cannot|without|none)\b|n't\b/i;
const RESTRICTIVE = /\b(?:only|just|exclusively|solely|always|every|all|any)\b/i;
// A figure, also at the end of a sentence ("status 500."), not inside a version or an identifier.
const NUMBER = /(?<![\w.])\d+(?:\.\d+)?(?![\w]|\.\d)/g;

/** Words that narrow a claim; the docs must state the same narrowing for the claim to hold. */
const QUALIFIERS: [string, RegExp, RegExp][] = [
  ["only", /\bonly\b|\bexclusively\b|\bsolely\b/i, /\bonly\b|\bexclusively\b|\bsolely\b|\bmust\b/i],
  ["always", /\balways\b|\bevery time\b/i, /\balways\b|\bevery time\b|\bautomatically\b|\beach\b|\bevery\b/i],
  ["default", /\bby default\b|\bdefaults? to\b|\bdefault\b/i, /\bdefault/i],
  ["automatic", /\bautomatic(?:ally)?\b/i, /\bautomatic(?:ally)?\b|\bby default\b|\bitself\b/i],
  [
    "required",
    /\brequire[sd]?\b|\bmust\b|\bmandatory\b|\bneed(?:s|ed)? to\b/i,
    /\brequire|\bmust\b|\bmandatory\b|\bneed/i,
  ],
  [
    "same",
    /\b(?:the same (?:thing|as|way)|same as|no different|nothing changes|unchanged|identical)\b/i,
    /\bsame\b|\bidentical\b|\bequivalent\b|\bunchanged\b|\bno change/i,
  ],
];

/**
 * Closed-class words whose presence on one side only changes what a sentence says (quantifiers,
 * modality, defaults, direction, edition, timing). Each gives two features: the claim uses it and
 * the aligned passage does not, and the other way round; the model learns what each means.
 */
const CLOSED_CLASS: [string, RegExp][] = [
  ["always", /\balways\b|\bevery time\b/],
  ["never", /\bnever\b/],
  ["only", /\bonly\b|\bexclusively\b|\bsolely\b/],
  ["all", /\ball\b|\bevery\b|\beach\b/],
  ["any", /\bany\b|\beither\b/],
  ["no", /\bno\b|\bnone\b|\bnothing\b/],
  ["not", /\bnot\b|n't\b|\bcannot\b/],
  ["without", /\bwithout\b/],
  ["one", /\bone\b|\bsingle\b|\bexactly\b/],
  ["multiple", /\bmultiple\b|\bseveral\b|\bmany\b|\bmore than one\b/],
  ["automatic", /\bautomatic(?:ally)?\b/],
  ["manual", /\bmanual(?:ly)?\b/],
  ["default", /\bdefault/],
  ["required", /\brequire[sd]?\b|\bmust\b|\bmandatory\b|\bneed(?:s|ed)?\b/],
  ["optional", /\boptional(?:ly)?\b/],
  ["can", /\bcan\b|\bable to\b|\ballows?\b|\blets?\b|\bsupports?\b/],
  ["before", /\bbefore\b|\bfirst\b|\bprior\b/],
  ["after", /\bafter\b|\bonce\b|\blater\b/],
  ["cloud", /\bcloud\b|\bhosted\b|\bsaas\b/],
  ["selfhosted", /\bself-hosted\b|\bopen[- ]source\b|\boss\b|\bserver\b/],
  ["push", /\bpush\b/],
  ["pull", /\bpull\b|\bpoll/],
  ["more", /\bmore\b|\bhigher\b|\bgreater\b|\bmaximum\b|\bat most\b|\bup to\b/],
  ["less", /\bless\b|\bfewer\b|\blower\b|\bminimum\b|\bat least\b/],
  ["same", /\bsame\b|\bidentical\b|\bunchanged\b/],
  ["different", /\bdifferen|\bseparate|\bindependent/],
  // The profile's retired terms join this class (`closedClassWith`).
  ["deprecated", /\bdeprecat|\bremoved\b|\bno longer\b|\blegacy\b/],
];

/**
 * The closed classes with a product's retired terms (names of what it no longer has, "agents")
 * added to "deprecated": a claim that uses them where the docs do not is often out of date.
 */
export function closedClassWith(retiredTerms: readonly string[]): [string, RegExp][] {
  if (!retiredTerms.length) return CLOSED_CLASS;
  const retired = retiredTerms.map((t) => escapeRegExp(t.toLowerCase())).join("|");
  return CLOSED_CLASS.map(([name, re]) =>
    name === "deprecated" ? [name, new RegExp(`${re.source}|\\b(?:${retired})\\b`)] : [name, re],
  );
}

/** Fixed pair features, in column order (lexical differences follow in the model). */
export const PAIR_FEATURES: readonly string[] = [
  "align.coverage",
  "align.coverage2",
  "align.focus",
  "align.matched",
  "align.statement",
  "align.rank",
  "align.share",
  "align.other_clauses",
  "supports",
  ...CONFLICT_KINDS.map((k) => `conflict.${k}`),
  "conflict.count",
  ...QUALIFIERS.map(([q]) => `lacks.${q}`),
  "figures.agree",
  "contrast.named",
  "kind.sentence",
  "kind.item",
  "kind.row",
  "kind.setting",
  "passage.pack",
  "passage.reference",
  "passage.negated",
  "passage.hit_rank",
  "diff.unmatched",
  "diff.unmatched_max",
  "diff.polarity",
  "diff.number_missing",
  "diff.number_match",
  "diff.swap",
  "conflict.any_cov",
  "x.polarity_cov",
  "x.notdocs_cov",
  ...CLOSED_CLASS.flatMap(([name]) => [`cw.${name}.claim`, `cw.${name}.docs`]),
  "claim.negated",
  "claim.restrictive",
  "claim.modal",
  "claim.figures",
];

/** Claim features, in column order: the pair model's answers and the claim's own shape. */
export const CLAIM_FEATURES: readonly string[] = [
  "pair.entails_max",
  "pair.contradicts_max",
  "pair.neutral_min",
  "pair.top_entails",
  "pair.top_contradicts",
  "pair.entails_second",
  "pair.contradicts_second",
  "align.best",
  "align.claim",
  "align.unaligned",
  "align.absent",
  "claim.commercial",
  "claim.price",
  "claim.modal",
  "claim.hedge",
  "claim.negated",
  "claim.restrictive",
  "claim.figures",
  "claim.clauses",
  "claim.terms",
  "hits.none",
  "kb.size",
  "top.pack",
  "top.reference",
];

export interface JudgedClause extends ClauseTerms {
  share: number;
  candidates: Alignment[];
}

/** One candidate passage for the claim, with the clause it is about and its features. */
export interface PairCandidate {
  at: Alignment;
  /** Its rank among the candidates of its clause (0: the clause's best-aligned passage). */
  rank: number;
  clause: JudgedClause;
  conflicts: Conflict[];
  features: FeatureVector;
  /** Word stems only the clause says, and only the passage says (for the swap lexicon). */
  claimOnly: string[];
  docOnly: string[];
}

export interface ClaimAnalysis {
  clauses: JudgedClause[];
  pairs: PairCandidate[];
  /**
   * The pair features pooled over the claim, each weighted by its passage's alignment: what each
   * clause's best passage shows (one wrong clause makes a wrong claim), and conflicts found on any
   * of the clause's first three passages.
   */
  pooled: FeatureVector;
  /** Claim-level features that do not depend on the pair model. */
  shape: FeatureVector;
  /** The best-aligned passage over all clauses. */
  top: Alignment | null;
}

export interface FeatureContext {
  rules: ConflictRules;
  weights: TermWeights;
  /** Word swaps reps make ("push" said for "pull"), mined from the corpus's train pairs. */
  swaps?: ReadonlyMap<string, ReadonlySet<string>>;
  /** Chunks in the knowledge base: a bundled pack alone knows far less than synced docs. */
  documents?: number;
  /** The closed word classes with the product's retired terms (`closedClassWith`). */
  closedClass?: readonly [string, RegExp][];
}

export function analyzeClaim(text: string, hits: KnowledgeHit[], ctx: FeatureContext): ClaimAnalysis {
  const lex = ctx.rules.lexicon;
  const claim = lex.normalize(text);
  const passages = passagesOf(hits);
  const seen = evidenceTerms(passages, lex);
  const clauses: JudgedClause[] = clauseParts(claim, lex).map((c) => {
    const terms = clauseTerms(c.text, ctx.weights, lex, seen);
    return {
      ...terms,
      share: terms.total * (c.consequence ? CONSEQUENCE_WEIGHT : 1),
      candidates: alignClause(terms, passages, ctx.rules, CANDIDATES_PER_CLAUSE),
    };
  });
  const totalShare = clauses.reduce((n, c) => n + c.share, 0) || 1;

  // Each passage is judged against the clause it aligns with best.
  const byPassage = new Map<Passage, { at: Alignment; clause: JudgedClause; rank: number }>();
  for (const clause of clauses)
    clause.candidates.forEach((at, rank) => {
      const known = byPassage.get(at.passage);
      if (!known || at.coverage > known.at.coverage) byPassage.set(at.passage, { at, clause, rank });
    });
  const shapeOf = claimShape(claim, clauses, lex);
  const pairs = [...byPassage.values()].map(({ at, clause, rank }) =>
    pairCandidate(claim, clause, at, rank, clauses.length, totalShare, shapeOf, ctx),
  );

  const pooled = poolPairs(pairs, ctx.swaps);
  const aligned = clauses.filter((c) => c.candidates.length);
  const top = aligned.map((c) => c.candidates[0]!).sort((a, b) => b.coverage - a.coverage)[0] ?? null;
  const shape: FeatureVector = { ...shapeOf };
  shape["hits.none"] = hits.length ? 0 : 1;
  shape["kb.size"] = Math.min(1, Math.log10(1 + (ctx.documents ?? 0)) / 5);
  const allTerms = clauses.reduce((n, c) => n + c.weights.size, 0) || 1;
  shape["align.absent"] =
    clauses.reduce((n, c) => n + [...c.weights.keys()].filter((t) => !seen.has(t)).length, 0) / allTerms;
  shape["align.best"] = top ? clamp01(top.coverage) : 0;
  shape["align.claim"] =
    clauses.reduce((n, c) => n + c.share * clamp01(c.candidates[0]?.coverage ?? 0), 0) / totalShare;
  shape["align.unaligned"] =
    clauses.reduce((n, c) => n + (c.candidates.length ? 0 : c.share), 0) / totalShare;
  shape["top.pack"] = top?.passage.hit.source === "pack" ? 1 : 0;
  shape["top.reference"] = top && isReferencePage(top.passage.hit.url) ? 1 : 0;
  return { clauses, pairs, pooled, shape, top };
}

/** See `ClaimAnalysis.pooled`; the swap feature is recomputed from the lexicon given. */
export function poolPairs(
  pairs: readonly Pick<PairCandidate, "at" | "rank" | "features" | "claimOnly" | "docOnly">[],
  swaps: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): FeatureVector {
  const out: FeatureVector = {};
  const max = (k: string, v: number) => {
    if (v > (out[k] ?? 0)) out[k] = v;
  };
  for (const p of pairs) {
    const cov = clamp01(p.at.coverage);
    if (p.rank === 0) {
      for (const [k, v] of Object.entries(p.features)) if (k !== "diff.swap") max(k, v * cov);
      if (swapFires(p, swaps)) max("diff.swap", cov);
    } else if (p.rank < 3) {
      for (const [k, v] of Object.entries(p.features)) if (k.startsWith("conflict.")) max(k, v * cov);
    }
  }
  return out;
}

function claimShape(claim: string, clauses: JudgedClause[], lex: TermLexicon): FeatureVector {
  return {
    "claim.commercial": COMMERCIAL.test(claim) ? 1 : 0,
    "claim.price": PRICE.test(claim) ? 1 : 0,
    "claim.modal": MODAL.test(claim) ? 1 : 0,
    "claim.hedge": HEDGE.test(claim) ? 1 : 0,
    "claim.negated": NEGATION.test(claim) ? 1 : 0,
    "claim.restrictive": RESTRICTIVE.test(claim) ? 1 : 0,
    "claim.figures": statesFigures(claim, lex) ? 1 : 0,
    "claim.clauses": Math.min(clauses.length - 1, 3) / 3,
    "claim.terms": Math.min(lex.contentTerms(claim).length, 30) / 30,
  };
}

function pairCandidate(
  claim: string,
  clause: JudgedClause,
  at: Alignment,
  rank: number,
  clauseCount: number,
  totalShare: number,
  shape: FeatureVector,
  ctx: FeatureContext,
): PairCandidate {
  const lex = ctx.rules.lexicon;
  const f: FeatureVector = {};
  const cov = clamp01(at.coverage);
  const p = at.passage;
  f["align.coverage"] = cov;
  f["align.coverage2"] = cov * cov;
  f["align.focus"] = clamp01(at.focus);
  f["align.matched"] = Math.min(at.matched, 8) / 8;
  f["align.statement"] = Math.min(at.statementTerms, 20) / 20;
  f["align.rank"] = rank / CANDIDATES_PER_CLAUSE;
  f["align.share"] = clause.share / totalShare;
  f["align.other_clauses"] = clauseCount > 1 ? 1 : 0;
  f[`kind.${p.kind}`] = 1;
  f["passage.pack"] = p.hit.source === "pack" ? 1 : 0;
  f["passage.reference"] = isReferencePage(p.hit.url) ? 1 : 0;
  f["passage.negated"] = NEGATION.test(p.text) ? 1 : 0;
  f["passage.hit_rank"] = Math.min(p.hitIndex, 16) / 16;
  for (const k of ["claim.negated", "claim.restrictive", "claim.modal", "claim.figures"])
    f[k] = shape[k] ?? 0;

  const conflicts = detectConflicts(
    {
      claim: clause.text,
      wholeClaim: claim,
      doc: lex.normalize(p.text),
      heading: p.heading,
      context: p.context,
      strong: at.coverage >= 0.8,
      alternatives: codeConstants(p.hit),
      ...(p.kind === "row" ? { subject: p.text.split(" | ")[0] ?? "" } : {}),
    },
    ctx.rules,
  );
  for (const c of conflicts) f[`conflict.${c.kind}`] = 1;
  f["conflict.count"] = Math.min(conflicts.length, 3) / 3;

  const statement = lex.normalize(p.text).toLowerCase();
  const window = `${statement} ${lex.normalize(p.context).toLowerCase()}`;
  const text = clause.text.toLowerCase();
  let lacking = false;
  for (const [q, inClaim, inDoc] of QUALIFIERS)
    if (inClaim.test(text) && !inDoc.test(window)) {
      f[`lacks.${q}`] = 1;
      lacking = true;
    }
  const agree = figuresAgree(text, window, lex);
  if (shape["claim.figures"] && agree) f["figures.agree"] = 1;
  const contrast = namesContrast(claim, p.text, ctx.rules);
  if (contrast) f["contrast.named"] = 1;
  if (!conflicts.length && !lacking && agree && !contrast) f.supports = 1;

  // What the clause says that the passage does not, and the other way round.
  const windowTerms = new Set(lex.contentTerms(window));
  let missing = 0;
  let heaviest = 0;
  for (const [term, w] of clause.weights) {
    if (windowTerms.has(term)) continue;
    missing += w;
    heaviest = Math.max(heaviest, w);
  }
  f["diff.unmatched"] = clause.total ? missing / clause.total : 0;
  f["diff.unmatched_max"] = heaviest;
  if (NEGATION.test(text) !== NEGATION.test(statement)) f["diff.polarity"] = 1;
  const claimNumbers = text.match(NUMBER) ?? [];
  const docNumbers = new Set(window.match(NUMBER) ?? []);
  if (claimNumbers.length) {
    if (claimNumbers.every((n) => docNumbers.has(n))) f["diff.number_match"] = 1;
    else if (docNumbers.size) f["diff.number_missing"] = 1;
  }
  for (const [name, re] of ctx.closedClass ?? CLOSED_CLASS) {
    const inClaim = re.test(text);
    const inDocs = re.test(window);
    if (inClaim && !inDocs) f[`cw.${name}.claim`] = 1;
    else if (inDocs && !inClaim && re.test(statement)) f[`cw.${name}.docs`] = 1;
  }
  const claimWords = new Set(wordStems(text, lex));
  const windowWords = new Set(wordStems(window, lex));
  const claimOnly = [...claimWords].filter((w) => !windowWords.has(w));
  const docOnly = [...new Set(wordStems(statement, lex))].filter((w) => !claimWords.has(w));
  for (const w of claimOnly) if (!/^\d/.test(w)) f[`${CLAIM_ONLY}${w}`] = 1;
  for (const w of docOnly) if (!/^\d/.test(w)) f[`${DOCS_ONLY}${w}`] = 1;
  // Interactions the linear pair model cannot form itself: a conflict or a polarity change
  // means more on a passage that covers the clause well.
  if (conflicts.length) f["conflict.any_cov"] = cov;
  if (f["diff.polarity"]) f["x.polarity_cov"] = cov;
  if (f["cw.not.docs"]) f["x.notdocs_cov"] = cov;
  const pair: PairCandidate = { at, rank, clause, conflicts, features: f, claimOnly, docOnly };
  if (swapFires(pair, ctx.swaps)) f["diff.swap"] = 1;
  return pair;
}

/** Every word's stem, stopwords included ("before" and "after" are what a swap changes). */
export function wordStems(text: string, lex: TermLexicon): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9_-]*|\d+(?:\.\d+)?/g) ?? []).map((w) =>
    /^\d/.test(w) ? w : lex.stem(w),
  );
}

/** The clause uses one side of a known swap and the passage the other (and not the clause's side). */
export function swapFires(
  pair: Pick<PairCandidate, "claimOnly" | "docOnly">,
  swaps: ReadonlyMap<string, ReadonlySet<string>> | undefined,
): boolean {
  if (!swaps?.size) return false;
  const docOnly = new Set(pair.docOnly);
  return pair.claimOnly.some((w) => [...(swaps.get(w) ?? [])].some((p) => docOnly.has(p)));
}

/**
 * The passage names both a claim word and its contrast ("Paused … suspended") while the claim names
 * only one: it cannot tell which one the claim's statement holds for.
 */
function namesContrast(whole: string, passage: string, rules: ConflictRules): boolean {
  const claimWords = new Set(whole.toLowerCase().match(/[a-z][a-z-]*/g) ?? []);
  const docWords = new Set(passage.toLowerCase().match(/[a-z][a-z-]*/g) ?? []);
  for (const w of claimWords) {
    const others = rules.opposites.get(w);
    if (!others || !docWords.has(w)) continue;
    for (const o of others) if (docWords.has(o) && !claimWords.has(o) && o.length > 3) return true;
  }
  return false;
}

/**
 * Clauses with enough content to check, each marked when it draws a consequence ("…, so the
 * calendar stays in your repository"); the whole sentence when it has one clause.
 */
export function clauseParts(text: string, lex: TermLexicon): { text: string; consequence: boolean }[] {
  const out = splitClauses(text)
    .filter((c) => lex.contentTerms(c.text).length >= 2)
    .map((c) => ({ text: c.text, consequence: /\bso\b/.test(c.connector) }));
  return out.length ? out : [{ text, consequence: false }];
}

/** Constants the chunk spells in code: `READ_COMMITTED`, `CANCEL_NEW` (the options a default is chosen from). */
const codeConstants = memo((hit: KnowledgeHit): string[] => [
  ...new Set([...(hit.content || hit.snippet).matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]!)),
]);

function clamp01(n: number): number {
  return Math.min(1, Math.max(0, n));
}
