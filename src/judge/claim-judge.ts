/**
 * The judge: a spoken product claim against retrieved documentation.
 *
 * 1. Features (`features.ts`): the claim is cut into clauses, each aligned with the retrieved
 *    passages by IDF-weighted term coverage; the typed detectors (negation scope, figures,
 *    defaults, tiers, editions, closed lists, opposite pairs, precedence, quantifiers) run on the
 *    best-aligned passages and become features weighted by alignment, with support credit, passage
 *    kind and the claim's own shape.
 * 2. Model (`model.ts`): multinomial logistic regression fitted on the claim corpus's train split,
 *    stored as data in the pack (`judge-model.json`), gives calibrated probabilities for
 *    supported, contradicted and unverifiable.
 * 3. Policy (`policy.ts`): a verdict is said only when its probability clears the threshold chosen
 *    on train for precision ≥ 0.9; otherwise the claim is "unverifiable" and the report shows the
 *    passage the rep should check.
 */

import { memo } from "../memo.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import type { Verdict } from "../model/report.js";
import { cleanDocText } from "../text/doc-text.js";
import type { TermLexicon } from "../text/terms.js";
import type { Alignment } from "./alignment.js";
import { buildRules, type ConflictRules, DEFAULT_RULES, type Editions } from "./conflicts.js";
import { analyzeClaim, type ClaimAnalysis, closedClassWith } from "./features.js";
import { type JudgeModel, type Probabilities, predict, swapLexicon, thresholdsFor } from "./model.js";
import { decide } from "./policy.js";
import { type TermStatistics, TermWeights } from "./term-weights.js";

export { findConflict } from "./conflicts.js";

export interface ClaimJudgement {
  verdict: Verdict;
  /** Calibrated probability that the verdict is right. */
  confidence: number;
  /** The model's probabilities for each verdict. */
  probabilities: Probabilities;
  /** What the model leans to, when the verdict fell short of its bar (for "check this" and the LLM). */
  leaning: Verdict;
  correction: string | null;
  /** For an unverifiable claim: the passage the rep should check ("The docs say: …"). */
  check: string | null;
  /** Best first; the hit holding the deciding passage leads. */
  evidence: KnowledgeHit[];
  /** The documentation statement the verdict rests on, when one aligned. */
  decidingSentence: string | null;
  /** Why, in a few words (for debugging and the LLM prompt). */
  reason: string;
}

export interface JudgeOptions {
  /** The fitted model (the pack's `judge-model.json`). */
  model?: JudgeModel;
  /** Product-specific contrasts (from the knowledge pack), treated like the generic opposite pairs. */
  contrasts?: [string[], string[]][];
  /** The product's hosted and self-hosted editions (from the pack), for "only in Cloud" conflicts. */
  editions?: Editions;
  /**
   * How words stem and fold: the English lexicon plus the product's synonyms, phrasings and weak
   * terms (compiled once per profile by `judgeOptionsFromProfile`); English alone when absent.
   */
  lexicon?: TermLexicon;
  /** Names of things the product no longer has ("agents"), read like "deprecated" words. */
  retiredTerms?: string[];
  /** Document frequencies of the local knowledge base, for weighting terms by rarity. */
  termStats?: TermStatistics | null;
  /** Documentation is synced or served live (MCP): the "synced" thresholds apply. */
  docsSynced?: boolean;
}

const EVIDENCE = 3;

const compiledRules = memo(
  (options: JudgeOptions): ConflictRules =>
    buildRules(options.contrasts ?? [], options.editions ?? null, options.lexicon),
);
export function rulesFor(options: JudgeOptions): ConflictRules {
  if (!options.contrasts?.length && !options.editions && !options.lexicon) return DEFAULT_RULES;
  return compiledRules(options);
}
const closedClassFor = memo((retiredTerms: string[]) => closedClassWith(retiredTerms));

// Weights depend on the statistics and on the lexicon's weak terms: one cache per lexicon.
const withStats = memo((lexicon: TermLexicon) =>
  memo((stats: TermStatistics) => new TermWeights(stats, lexicon)),
);
const withoutStats = memo((lexicon: TermLexicon) => new TermWeights(null, lexicon));
export function weightsFor(stats: TermStatistics | null | undefined, lexicon: TermLexicon): TermWeights {
  return stats ? withStats(lexicon)(stats) : withoutStats(lexicon);
}

/** The claim's features against these hits (what the model reads; also the trainer's input). */
export function claimFeatures(text: string, hits: KnowledgeHit[], options: JudgeOptions = {}): ClaimAnalysis {
  const rules = rulesFor(options);
  return analyzeClaim(text, hits, {
    rules,
    ...(options.retiredTerms?.length ? { closedClass: closedClassFor(options.retiredTerms) } : {}),
    weights: weightsFor(options.termStats, rules.lexicon),
    documents: options.termStats?.documents ?? 0,
    ...(options.model ? { swaps: swapLexicon(options.model) } : {}),
  });
}

export function judgeClaim(
  claim: ClaimMoment,
  hits: KnowledgeHit[],
  options: JudgeOptions = {},
): ClaimJudgement {
  if (!options.model) throw new Error("judgeClaim: no judge model (the pack's judge-model.json)");
  const a = claimFeatures(claim.text, hits, options);
  const { p, pairScores } = predict(options.model, a);
  const d = decide(
    p,
    thresholdsFor(options.model, options.docsSynced ?? options.termStats?.docsSynced ?? false),
  );
  // The passage each verdict rests on: the pair the pair model found most entailing or most
  // contradicting; the best-aligned passage when there is none.
  const strongest = (k: 0 | 1) => {
    let best = -1;
    pairScores.forEach((s, i) => {
      if (best < 0 || s[k]! > pairScores[best]![k]!) best = i;
    });
    return best >= 0 ? a.pairs[best]! : null;
  };
  const base = { probabilities: p, leaning: d.leaning, confidence: Math.round(d.confidence * 100) / 100 };
  if (d.verdict === "contradicted") {
    const pair = strongest(1);
    const at = pair?.at ?? a.top;
    return {
      ...base,
      verdict: "contradicted",
      correction: at ? docsSay(at) : null,
      check: null,
      evidence: orderEvidence(hits, a, at, pairScores),
      decidingSentence: at?.passage.text ?? null,
      reason: `${pair?.conflicts.map((c) => c.detail).join("; ") || "the passage states otherwise"} (p=${p.contradicted.toFixed(2)})`,
    };
  }
  if (d.verdict === "supported") {
    const at = strongest(0)?.at ?? a.top;
    return {
      ...base,
      verdict: "supported",
      correction: null,
      check: null,
      evidence: orderEvidence(hits, a, at, pairScores),
      decidingSentence: at?.passage.text ?? null,
      reason: `an aligned passage states the claim (p=${p.supported.toFixed(2)})`,
    };
  }
  // Unsure: the passage the model leaned on is the one to check.
  const at =
    (d.leaning === "contradicted" ? strongest(1)?.at : d.leaning === "supported" ? strongest(0)?.at : null) ??
    a.top;
  return {
    ...base,
    verdict: "unverifiable",
    correction: null,
    check: at ? docsSay(at) : null,
    evidence: orderEvidence(hits, a, at, pairScores),
    decidingSentence: at?.passage.text ?? null,
    reason: at
      ? `not sure enough (supported ${p.supported.toFixed(2)}, contradicted ${p.contradicted.toFixed(2)})`
      : "no documentation passage aligns with the claim",
  };
}

function docsSay(at: Alignment): string {
  return `The docs say: "${cleanDocText(at.passage.text)}" (${at.passage.hit.title}, ${at.passage.hit.url})`;
}

/**
 * Evidence: the hit holding the deciding passage, then the hits by how likely the pair model
 * finds one of their passages to decide the claim (1 − P(neutral): it entails or contradicts
 * it), hits with no aligned passage last, in search order; one per page before a second section
 * of the same page. (Until 2026-12-03 the order after the lead was the share of the claim's terms
 * a passage covers: on the corpus train split the deciding page was in the first three 82.1% of
 * the time, 83.4% with this order.)
 */
function orderEvidence(
  hits: KnowledgeHit[],
  a: ClaimAnalysis,
  lead: Alignment | null,
  pairScores: number[][],
): KnowledgeHit[] {
  const decides = new Map<KnowledgeHit, number>();
  a.pairs.forEach((p, i) => {
    const hit = p.at.passage.hit;
    decides.set(hit, Math.max(decides.get(hit) ?? 0, 1 - pairScores[i]![2]!));
  });
  const ranked = hits
    .map((h, i) => ({ h, i, s: decides.get(h) ?? -1 }))
    .sort((x, y) => y.s - x.s || x.i - y.i)
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
