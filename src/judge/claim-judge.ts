/**
 * The deterministic judge: a spoken product claim against retrieved documentation.
 *
 * 1. Normalize: spoken numbers and durations become figures ("fifteen seconds" → "15 seconds",
 *    "a day" → "1 day"), spoken paraphrases the docs' wording ("out of the box" → "by default").
 * 2. Passages: every hit is read as statements with their context (a sentence with its
 *    neighbours, a list item with its lead-in, a table row with its header, a settings entry with
 *    its "Default:" field; see `doc-passages.ts`).
 * 3. Align: the claim is cut into clauses; each clause is scored against every passage by the
 *    IDF-weighted share of its terms the passage covers (see `alignment.ts`), so generic words
 *    ("run", "use", "prefect") count little and the claim's specific terms decide.
 * 4. Compare each clause with its best-aligned passages for typed conflicts (see `conflicts.ts`).
 * 5. Verdict: "contradicted" only when a conflicting passage aligns strongly and about as well as
 *    the clause's best passage; "supported" when strongly aligned passages state the clauses that
 *    carry most of the claim's weight, agree on figures and qualifiers ("only", "always", "by
 *    default", "required") and conflict with nothing; otherwise "unverifiable". Prices, plan quotas,
 *    SLAs and support terms are not in product docs and stay unverifiable. A false "contradicted"
 *    costs the rep's trust, so its bar is the highest.
 */
import { cleanDocText } from "../coach/evidence-text.js";
import { isReferencePage } from "../knowledge/page-kinds.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import type { Verdict } from "../model/report.js";
import { splitClauses } from "../text/clauses.js";
import { type Alignment, alignClause, type ClauseTerms, clauseTerms, evidenceTerms } from "./alignment.js";
import { buildRules, type ConflictRules, DEFAULT_RULES, type Editions, findConflict } from "./conflicts.js";
import { passagesOf } from "./doc-passages.js";
import { figuresAgree, statesFigures } from "./figures.js";
import { contentTerms, normalizeText, type TermStatistics, TermWeights } from "./text-terms.js";

export { findConflict } from "./conflicts.js";

export interface ClaimJudgement {
  verdict: Verdict;
  confidence: number;
  correction: string | null;
  /** Best first; the hit holding the deciding passage leads. */
  evidence: KnowledgeHit[];
  /** The documentation statement the verdict rests on, when one aligned. */
  decidingSentence: string | null;
  /** Why, in a few words (for debugging and the LLM prompt). */
  reason: string;
}

export interface JudgeOptions {
  /**
   * Product-specific contrasts (from the knowledge pack's `judge-contrasts.json`), e.g. pause vs
   * suspend: treated like the generic opposite pairs.
   */
  contrasts?: [string[], string[]][];
  /** The product's hosted and self-hosted editions (from the pack), for "only in Cloud" conflicts. */
  editions?: Editions;
  /** Document frequencies of the local knowledge base, for weighting terms by rarity. */
  termStats?: TermStatistics | null;
  /** Told the clauses, their term weights and aligned passages (development aid). */
  trace?: (clauses: readonly (ClauseTerms & { candidates: Alignment[] })[]) => void;
}

/** A supporting passage must cover this share of one clause… */
const SUPPORT_COVERAGE = 0.62;
/** …and the claim's clauses, weighted by content, must be covered this well on the whole. */
const CLAIM_SUPPORT = 0.55;
/** A fragment ("An existing ECS cluster") does not state anything: support needs a statement. */
const MIN_STATEMENT_TERMS = 4;
const CONTRADICT_COVERAGE = 0.5;
/** A conflicting passage must align nearly as well as the best passage of its clause. */
const CONTRADICT_MARGIN = 0.12;
/** A passage this aligned states the clause; a swapped word or figure in it is a conflict on its own. */
const STRONG_ALIGNMENT = 0.8;
const CANDIDATES_PER_CLAUSE = 5;
/** Weight of a consequence clause ("…, so …") when deciding support. */
const CONSEQUENCE_WEIGHT = 0.5;
const EVIDENCE = 3;

const PRICE =
  /(?:\$|€|£|\bdollars?\b|\beuros?\b|\bpounds?\b|\bper (?:month|year|seat|user)\b|\ba month\b|\bbilled\b|\bpric(?:e|es|ing)\b|\bcosts?\b|\bdiscount\b|\bplan (?:includes|comes with|gives)\b|\bcomes with\b|\bincludes up to\b)/i;
/** Commercial commitments: support terms, response times, SLAs, fees. Product docs do not state them. */
const COMMERCIAL =
  /\b(?:uptime|response times?|support (?:engineers?|team|contracts?|plans?|tiers?)|dedicated (?:support|engineers?|csm|account)|severity[- ](?:one|1|two|2)|annual fee|flat fee|subscription fee|licen[cs]e fee|fee)\b/i;
/**
 * "SLA" is also a Prefect feature (an SLA on a deployment raises an event when a run is late or
 * slow): it is a commercial term only when nothing in the sentence points at that feature.
 */
const SLA = /\bslas?\b/i;
const SLA_FEATURE =
  /\b(?:deployments?|flow runs?|runs?|alerts?|events?|automations?|thresholds?|prefect\.yaml|freshness|lateness|late|duration|frequency|triggers?)\b/i;

function isCommercial(text: string): boolean {
  return COMMERCIAL.test(text) || (SLA.test(text) && !SLA_FEATURE.test(text));
}

/** Words that narrow a claim; the docs must state the same narrowing for the claim to be supported. */
const QUALIFIERS: [RegExp, RegExp][] = [
  [/\bonly\b/i, /\bonly\b|\bexclusively\b|\bsolely\b/i],
  [/\balways\b/i, /\balways\b|\bevery time\b|\bautomatically\b/i],
  [/\bby default\b|\bdefaults? to\b/i, /\bdefault/i],
  [/\bautomatic(?:ally)?\b/i, /\bautomatic(?:ally)?\b|\bby default\b|\bitself\b/i],
  [/\brequire[sd]?\b|\bmust\b|\bmandatory\b/i, /\brequire|\bmust\b|\bmandatory\b|\bneed/i],
  [
    /\b(?:the same (?:thing|as|way)|same as|no different|nothing changes|unchanged|identical)\b/i,
    /\bsame\b|\bidentical\b|\bequivalent\b|\bunchanged\b|\bno change/i,
  ],
];

const rulesCache = new WeakMap<JudgeOptions, ConflictRules>();
function rulesFor(options: JudgeOptions): ConflictRules {
  if (!options.contrasts?.length && !options.editions) return DEFAULT_RULES;
  let r = rulesCache.get(options);
  if (!r) {
    r = buildRules(options.contrasts ?? [], options.editions ?? null);
    rulesCache.set(options, r);
  }
  return r;
}
const weightsCache = new WeakMap<TermStatistics, TermWeights>();
const NO_STATS = new TermWeights(null);
function weightsFor(stats: TermStatistics | null | undefined): TermWeights {
  if (!stats) return NO_STATS;
  let w = weightsCache.get(stats);
  if (!w) {
    w = new TermWeights(stats);
    weightsCache.set(stats, w);
  }
  return w;
}

interface Clause extends ClauseTerms {
  /** The clause's weight in the claim. */
  share: number;

  candidates: Alignment[];
}

export function judgeClaim(
  claim: ClaimMoment,
  hits: KnowledgeHit[],
  options: JudgeOptions = {},
): ClaimJudgement {
  const rules = rulesFor(options);
  const weights = weightsFor(options.termStats);
  const text = normalizeText(claim.text);
  const passages = passagesOf(hits);
  const seen = evidenceTerms(passages);

  // Each clause is aligned on its own: a sentence that mixes a right and a wrong statement is
  // wrong, and filler ("That's fine, …") must not dilute the part that carries the claim.
  const all: Clause[] = clauseParts(text).map((c) => {
    const terms = clauseTerms(c.text, weights, seen);
    return {
      ...terms,
      share: terms.total * (c.consequence ? CONSEQUENCE_WEIGHT : 1),
      candidates: alignClause(terms, passages, rules, CANDIDATES_PER_CLAUSE),
    };
  });
  options.trace?.(all);
  const clauses = all.filter((c) => c.candidates.length > 0);
  const totalWeight = all.reduce((n, c) => n + c.share, 0);
  const ordered = (lead: Alignment | null) => orderEvidence(hits, all, lead);
  if (!clauses.length)
    return verdict(
      "unverifiable",
      0.2,
      null,
      ordered(null),
      null,
      "no documentation passage aligns with the claim",
    );

  const top = clauses.map((c) => c.candidates[0]!).reduce((a, b) => (b.coverage > a.coverage ? b : a));
  // Commercial terms and prices are not in the product docs: the best passage is shown, the verdict stays open.
  const notInDocs = (reason: string) =>
    verdict("unverifiable", 0.3, null, ordered(top), top.passage.text, reason);
  const PRICES_NOT_IN_DOCS = "prices and plan quotas are not in the docs";
  if (isCommercial(text)) return notInDocs("support terms, SLAs and fees are not in the product docs");

  // Plan quotas and prices ("the Team plan includes 5 workspaces") are figures the docs do not state.
  if (PRICE.test(text) && statesFigures(text) && !figuresAgree(text, normalizeText(top.passage.text)))
    return notInDocs(PRICES_NOT_IN_DOCS);

  let decisive: { at: Alignment; conflict: string } | null = null;
  for (const clause of clauses) {
    const best = clause.candidates[0]!;
    for (const at of clause.candidates) {
      if (at.coverage < CONTRADICT_COVERAGE || at.coverage < best.coverage - CONTRADICT_MARGIN) break;
      if (isReferencePage(at.passage.hit.url) && at.coverage < STRONG_ALIGNMENT) continue;
      const conflict = conflictWith(clause.text, text, at, rules);
      if (conflict && (!decisive || at.coverage > decisive.at.coverage)) {
        decisive = { at, conflict };
        break;
      }
    }
  }
  if (decisive) {
    return verdict(
      "contradicted",
      clamp(0.45 + decisive.at.coverage * 0.5, 0, 0.95),
      correction(decisive.at),
      ordered(decisive.at),
      decisive.at.passage.text,
      `${decisive.conflict} (coverage ${decisive.at.coverage.toFixed(2)})`,
    );
  }

  if (PRICE.test(text) && !(statesFigures(text) && figuresAgree(text, normalizeText(top.passage.text))))
    return notInDocs(PRICES_NOT_IN_DOCS);

  // Support: each clause is credited with its best passage that also states the clause's
  // qualifiers and figures and conflicts with nothing; the claim is supported when the clauses,
  // weighted by their content, are covered well enough and one passage states a clause strongly.
  let support: Alignment | null = null;
  let credited = 0;
  let missingQualifier: string | null = null;
  for (const clause of clauses) {
    for (const at of clause.candidates) {
      const window = normalizeText(`${at.passage.text} ${at.passage.context}`);
      const lacking = QUALIFIERS.find(([inClaim, inDoc]) => inClaim.test(clause.text) && !inDoc.test(window));
      if (lacking) {
        if (at.coverage >= SUPPORT_COVERAGE) missingQualifier ??= (clause.text.match(lacking[0]) ?? [""])[0];
        continue;
      }
      if (
        !figuresAgree(clause.text, window) ||
        namesContrast(clause.text, text, at.passage.text, rules) ||
        conflictWith(clause.text, text, at, rules)
      )
        continue;
      credited += clause.share * Math.max(0, at.coverage);
      if (
        at.coverage >= SUPPORT_COVERAGE &&
        at.statementTerms >= MIN_STATEMENT_TERMS &&
        (!support || at.coverage > support.coverage)
      )
        support = at;
      break;
    }
  }
  const claimCoverage = totalWeight ? credited / totalWeight : 0;
  if (support && claimCoverage >= CLAIM_SUPPORT) {
    return verdict(
      "supported",
      clamp(0.3 + claimCoverage * 0.35 + support.coverage * 0.3, 0, 0.95),
      null,
      ordered(support),
      support.passage.text,
      `aligned passage covers ${Math.round(support.coverage * 100)}% of a clause, ${Math.round(claimCoverage * 100)}% of the claim`,
    );
  }
  return verdict(
    "unverifiable",
    clamp(0.5 - top.coverage * 0.4, 0.1, 0.5),
    null,
    ordered(top),
    top.passage.text,
    missingQualifier ? `the docs do not state the claim's "${missingQualifier}"` : "partial alignment only",
  );
}

function conflictWith(clause: string, whole: string, at: Alignment, rules: ConflictRules): string | null {
  return findConflict(
    {
      claim: clause,
      wholeClaim: whole,
      doc: normalizeText(at.passage.text),
      heading: at.passage.heading,
      context: at.passage.context,
      strong: at.coverage >= STRONG_ALIGNMENT,
      alternatives: codeConstants(at.passage.hit),
      ...(at.passage.kind === "row" ? { subject: at.passage.text.split(" | ")[0] ?? "" } : {}),
    },
    rules,
  );
}

/**
 * The passage names both a claim word and its contrast ("Paused … suspended") while the claim names
 * only one: it cannot tell which one the claim's statement holds for, so it does not support it.
 */
function namesContrast(clause: string, whole: string, passage: string, rules: ConflictRules): boolean {
  const claimWords = new Set(whole.toLowerCase().match(/[a-z][a-z-]*/g) ?? []);
  const docWords = new Set(passage.toLowerCase().match(/[a-z][a-z-]*/g) ?? []);
  for (const w of clause.toLowerCase().match(/[a-z][a-z-]*/g) ?? []) {
    const others = rules.opposites.get(w);
    if (!others || !docWords.has(w)) continue;
    for (const o of others) if (docWords.has(o) && !claimWords.has(o) && o.length > 3) return true;
  }
  return false;
}

/** The claim's clauses with enough content to check; the whole sentence when it has one clause. */
export function claimClauses(text: string): string[] {
  return clauseParts(text).map((c) => c.text);
}

/**
 * Clauses, each marked when it draws a consequence ("…, so the calendar stays in your
 * repository"): the rep's inference from the statement before it, checked for conflicts like any
 * clause but weighing half as much when deciding support.
 */
export function clauseParts(text: string): { text: string; consequence: boolean }[] {
  const out = splitClauses(text)
    .filter((c) => contentTerms(c.text).length >= 2)
    .map((c) => ({ text: c.text, consequence: /\bso\b/.test(c.connector) }));
  return out.length ? out : [{ text, consequence: false }];
}

/**
 * Evidence: the hit holding the deciding passage, then the hits whose passages align best with
 * the claim, one per page before a second section of the same page.
 */
function orderEvidence(hits: KnowledgeHit[], clauses: Clause[], lead: Alignment | null): KnowledgeHit[] {
  const best = new Map<KnowledgeHit, number>();
  for (const c of clauses)
    for (const a of c.candidates) best.set(a.passage.hit, Math.max(best.get(a.passage.hit) ?? 0, a.coverage));
  const ranked = hits
    .map((h, i) => ({ h, i, s: best.get(h) ?? -1 }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .map((x) => x.h);
  const order = lead ? [lead.passage.hit, ...ranked.filter((h) => h !== lead.passage.hit)] : ranked;
  const seen = new Set<string>();
  const first: KnowledgeHit[] = [];
  const rest: KnowledgeHit[] = [];
  for (const h of order) {
    if (seen.has(h.url)) rest.push(h);
    else {
      seen.add(h.url);
      first.push(h);
    }
  }
  return [...first, ...rest].slice(0, EVIDENCE);
}

const constantsCache = new WeakMap<KnowledgeHit, string[]>();
/** Constants the chunk spells in code: `READ_COMMITTED`, `CANCEL_NEW` (upper case, two letters or more). */
function codeConstants(hit: KnowledgeHit): string[] {
  let found = constantsCache.get(hit);
  if (!found) {
    found = [
      ...new Set([...(hit.content || hit.snippet).matchAll(/`([A-Z][A-Z0-9_]{2,})`/g)].map((m) => m[1]!)),
    ];
    constantsCache.set(hit, found);
  }
  return found;
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

function correction(best: Alignment): string {
  const sentence = cleanDocText(best.passage.text);
  return `The docs say: "${sentence}" (${best.passage.hit.title}, ${best.passage.hit.url})`;
}

function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}
