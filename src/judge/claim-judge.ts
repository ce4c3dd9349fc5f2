/**
 * The deterministic judge: a spoken product claim against retrieved documentation.
 *
 * 1. Align: the claim is cut into clauses; every sentence (and table row) of every hit is scored
 *    by how much of a clause's content (stemmed, synonyms folded, frequent product words
 *    down-weighted) it covers. A term whose opposite the sentence uses ("private" against
 *    "publicly") counts as covered: the sentence is about the same thing and says the other.
 * 2. Compare each clause with its best-aligned sentences for conflicts (see `findConflict`):
 *    negation mismatch, opposite pairs, different figures or defaults, a different plan tier,
 *    "any one" against "all", and "the same"/"nothing changes" against a documented difference.
 * 3. Verdict: "contradicted" only when a conflicting sentence aligns strongly and about as well as
 *    the best sentence; "supported" when the best sentence aligns strongly, conflicts with nothing,
 *    agrees on figures and states the claim's qualifiers ("only", "always", "by default",
 *    "automatically", "required"); otherwise "unverifiable". A false "contradicted" costs the
 *    rep's trust, so its bar is the highest. Prices and plan quotas the docs do not state stay
 *    unverifiable.
 */
import { cleanDocText, splitDocSentences } from "../coach/evidence-text.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import type { Verdict } from "../model/report.js";
import { contentTerms, stem, termWeight, WEAK_TERMS } from "./text-terms.js";

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
  /** Claim terms found in the sentence itself (not only in its title or section). */
  matched: number;
}

const SUPPORT_COVERAGE = 0.6;
/** Share of the claim's content (by clause) that supported clauses must hold. */
const SUPPORTED_SHARE = 0.4;
const CONTRADICT_COVERAGE = 0.45;
/** A conflicting sentence must align nearly as well as the best sentence of its clause. */
const CONTRADICT_MARGIN = 0.12;
const MIN_MATCHED_TERMS = 2;
const CANDIDATES_PER_CLAUSE = 4;

// A side that says "rather than X" or "instead of X" is itself contrasting X: not a polarity clash.
const NEGATION = /\b(?:not|no|never|cannot|none|nothing|neither|nor|without|rather than|instead of)\b|n't\b/i;
const PRICE =
  /(?:\$|€|£|\bdollars?\b|\beuros?\b|\bpounds?\b|\bper (?:month|year|seat|user)\b|\ba month\b|\bbilled\b|\bpric(?:e|es|ing)\b|\bcosts?\b|\bdiscount\b|\bplan (?:includes|comes with|gives)\b|\bcomes with\b)/i;

/**
 * Word pairs that cannot both describe the same thing. Each side is a list of surface forms.
 * Relational words (before/after, first/last) are left out: they usually attach to different
 * events in the two sentences.
 */
const OPPOSITE_PAIRS: [string[], string[]][] = [
  [
    ["higher", "high"],
    ["lower", "low"],
  ],
  [["more"], ["fewer", "less"]],
  [["greater"], ["smaller", "lesser"]],
  [
    ["inbound", "ingress"],
    ["outbound", "egress"],
  ],
  [["push"], ["pull"]],
  [
    ["optional", "optionally"],
    ["required", "mandatory"],
  ],
  [
    ["public", "publicly"],
    ["private", "privately"],
  ],
  [
    ["workspace", "workspaces"],
    ["account-level", "account"],
  ],
  [
    ["synchronous", "synchronously", "sync"],
    ["asynchronous", "asynchronously", "async"],
  ],
  [["enabled"], ["disabled"]],
  [
    ["automatic", "automatically"],
    ["manual", "manually"],
  ],
  [
    ["open-source", "free"],
    ["paid", "cloud-only"],
  ],
  [["encrypted"], ["unencrypted", "plaintext"]],
  [["minimum"], ["maximum"]],
  [["on"], ["off"]],
];

export interface JudgeOptions {
  /**
   * Product-specific contrasts (from the knowledge pack's `judge-contrasts.json`), e.g. pause vs
   * suspend: treated like the generic opposite pairs.
   */
  contrasts?: [string[], string[]][];
}

interface Opposites {
  /** surface word → the surface words of the other side */
  of: Map<string, Set<string>>;
  /** stem → stems of the other side (for alignment) */
  stems: Map<string, Set<string>>;
}

function buildOpposites(pairs: [string[], string[]][]): Opposites {
  const of = new Map<string, Set<string>>();
  const add = (side: string[], other: string[]) => {
    for (const w of side)
      of.set(w.toLowerCase(), new Set([...(of.get(w) ?? []), ...other.map((o) => o.toLowerCase())]));
  };
  for (const [a, b] of pairs) {
    add(a, b);
    add(b, a);
  }
  const stems = new Map<string, Set<string>>();
  for (const [word, others] of of) stems.set(stem(word), new Set([...others].map((o) => stem(o))));
  return { of, stems };
}

const DEFAULT_OPPOSITES = buildOpposites(OPPOSITE_PAIRS);
const oppositesCache = new WeakMap<JudgeOptions, Opposites>();
function oppositesFor(options: JudgeOptions): Opposites {
  if (!options.contrasts?.length) return DEFAULT_OPPOSITES;
  let o = oppositesCache.get(options);
  if (!o) {
    o = buildOpposites([...OPPOSITE_PAIRS, ...options.contrasts]);
    oppositesCache.set(options, o);
  }
  return o;
}

/** Plan tiers of SaaS products: naming one that the docs do not is a conflict. */
const TIERS = ["free", "hobby", "starter", "team", "pro", "business", "enterprise", "premium"];
const TIER_CONTEXT = /\b(?:plans?|tiers?|editions?)\b/i;

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
  ninety: 90,
  hundred: 100,
  thousand: 1000,
};
const UNIT_SECONDS: Record<string, number> = {
  second: 1,
  sec: 1,
  minute: 60,
  min: 60,
  hour: 3600,
  day: 86_400,
};

/** Words that narrow a claim; the docs must state the same narrowing for the claim to be supported. */
const QUALIFIERS: [RegExp, RegExp][] = [
  [/\bonly\b/i, /\bonly\b|\bexclusively\b|\bsolely\b/i],
  [/\balways\b/i, /\balways\b|\bevery time\b|\bautomatically\b/i],
  [/\bby default\b|\bdefaults? to\b/i, /\bdefault/i],
  [/\bautomatic(?:ally)?\b/i, /\bautomatic(?:ally)?\b|\bby default\b/i],
  [/\brequire[sd]?\b|\bmust\b|\bmandatory\b/i, /\brequire|\bmust\b|\bmandatory\b|\bneed/i],
];

export function judgeClaim(
  claim: ClaimMoment,
  hits: KnowledgeHit[],
  options: JudgeOptions = {},
): ClaimJudgement {
  const opposites = oppositesFor(options);
  const ordered = (lead: KnowledgeHit | null) =>
    lead ? [lead, ...hits.filter((h) => h !== lead)].slice(0, 3) : hits.slice(0, 3);

  // Each clause is aligned on its own: a sentence that mixes a right and a wrong statement is
  // wrong, and filler ("That's fine, …") must not dilute the part that carries the claim.
  const allClauses = claimClauses(claim.text).map((text) => ({
    text,
    size: contentTerms(text).length,
    candidates: alignAll(text, hits, opposites),
  }));
  const clauses = allClauses.filter((c) => c.candidates.length > 0);
  const totalSize = allClauses.reduce((n, c) => n + c.size, 0);
  if (!clauses.length) {
    return verdict(
      "unverifiable",
      0.2,
      null,
      ordered(null),
      null,
      "no documentation sentence aligns with the claim",
    );
  }

  let decisive: { text: string; at: Alignment; conflict: string } | null = null;
  for (const clause of clauses) {
    const best = clause.candidates[0]!;
    for (const at of clause.candidates) {
      if (at.coverage < CONTRADICT_COVERAGE || at.coverage < best.coverage - CONTRADICT_MARGIN) break;
      const conflict = findConflict(clause.text, at.sentence, opposites, claim.text);
      if (conflict && (!decisive || at.coverage > decisive.at.coverage)) {
        decisive = { text: clause.text, at, conflict };
        break;
      }
    }
  }
  if (decisive) {
    return verdict(
      "contradicted",
      clamp(0.45 + decisive.at.coverage * 0.5, 0, 0.95),
      correction(decisive.at),
      ordered(decisive.at.hit),
      decisive.at.sentence,
      `${decisive.conflict} (coverage ${decisive.at.coverage.toFixed(2)})`,
    );
  }

  const top = clauses
    .map((c) => ({ text: c.text, at: c.candidates[0]! }))
    .reduce((a, b) => (b.at.coverage > a.at.coverage ? b : a));
  if (PRICE.test(claim.text) && !sharesFigures(claim.text, top.at.sentence)) {
    return verdict(
      "unverifiable",
      0.3,
      null,
      ordered(top.at.hit),
      top.at.sentence,
      "prices and plan quotas are not in the docs",
    );
  }
  // Support needs one strongly aligned sentence that also states the clause's qualifiers and
  // figures and conflicts with nothing in it; the best such sentence over all clauses decides.
  let support: Alignment | null = null;
  let supportedSize = 0;
  let missingQualifier: string | null = null;
  for (const clause of clauses) {
    for (const at of clause.candidates) {
      if (at.coverage < SUPPORT_COVERAGE) break;
      const lacking = QUALIFIERS.find(
        ([inClaim, inDoc]) => inClaim.test(clause.text) && !inDoc.test(at.sentence),
      );
      if (lacking) {
        missingQualifier ??= (clause.text.match(lacking[0]) ?? [""])[0];
        continue;
      }
      if (
        !figuresAgree(clause.text, at.sentence) ||
        findConflict(clause.text, at.sentence, opposites, claim.text)
      )
        continue;
      supportedSize += clause.size;
      if (!support || at.coverage > support.coverage) support = at;
      break;
    }
  }
  // A supported aside ("Tag-based limits help there, and …") does not carry the rest of the claim.
  if (supportedSize < totalSize * SUPPORTED_SHARE) support = null;
  if (support) {
    return verdict(
      "supported",
      clamp(0.35 + support.coverage * 0.6, 0, 0.95),
      null,
      ordered(support.hit),
      support.sentence,
      `aligned sentence covers ${Math.round(support.coverage * 100)}% of the claim`,
    );
  }
  const best = top.at;
  return verdict(
    "unverifiable",
    clamp(0.5 - best.coverage * 0.4, 0.1, 0.5),
    null,
    ordered(best.hit),
    best.sentence,
    missingQualifier ? `the docs do not state the claim's "${missingQualifier}"` : "partial alignment only",
  );
}

/** The claim's clauses with enough content to check; the whole sentence when it has one clause. */
export function claimClauses(text: string): string[] {
  const clauses = text
    .split(
      /\s*(?:[;:—–]|,\s*(?:so|and|but|which|whose|because|since|while|then)\b|\b(?:so that|so you|rather than|instead of)\b)\s*/i,
    )
    .map((c) => c.trim())
    .filter((c) => contentTerms(c).length >= 2);
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

/**
 * The documentation sentences that cover most of the clause, best first (at most a few, each
 * with at least two claim terms in the sentence itself).
 */
function alignAll(clause: string, hits: KnowledgeHit[], opposites: Opposites): Alignment[] {
  const claimTerms = new Map<string, number>();
  for (const t of contentTerms(clause)) claimTerms.set(t, termWeight(t));
  const total = [...claimTerms.values()].reduce((a, b) => a + b, 0);
  if (!total) return [];
  const found: Alignment[] = [];
  hits.forEach((hit, hitIndex) => {
    const context = new Set(contentTerms(`${hit.title} ${hit.section ?? ""}`));
    for (const sentence of splitDocSentences(hit.content || hit.snippet)) {
      const terms = new Set(contentTerms(sentence));
      let covered = 0;
      let matched = 0;
      for (const [term, weight] of claimTerms) {
        if (terms.has(term) || hasOpposite(term, terms, opposites)) {
          covered += weight;
          matched++;
        } else if (context.has(term)) {
          covered += weight * 0.5; // the page or section is about it, the sentence takes it as given
        }
      }
      if (matched < MIN_MATCHED_TERMS) continue;
      // Earlier hits are more relevant by the retriever's ranking: a small tie-breaking nudge.
      found.push({ hit, hitIndex, sentence, coverage: covered / total - hitIndex * 0.005, matched });
    }
  });
  return found.sort((a, b) => b.coverage - a.coverage).slice(0, CANDIDATES_PER_CLAUSE);
}

function hasOpposite(term: string, terms: Set<string>, opposites: Opposites): boolean {
  const others = opposites.stems.get(term);
  if (!others) return false;
  for (const o of others) if (terms.has(o)) return true;
  return false;
}

/** A reason the claim and the documentation sentence cannot both be true, or null. */
export function findConflict(
  claim: string,
  doc: string,
  opposites: Opposites = DEFAULT_OPPOSITES,
  /** The whole claim sentence, when `claim` is one of its clauses: both sides named there is a contrast, not a mistake. */
  wholeClaim: string = claim,
): string | null {
  const claimTerms = new Set(contentTerms(claim));
  const docTerms = new Set(contentTerms(doc));
  // Polarity: a negation conflicts only when what it negates is what the other side asserts.
  if (negatesShared(doc, claimTerms) && !NEGATION.test(claim)) return "the docs state the negative";
  if (negatesShared(claim, docTerms) && !NEGATION.test(doc)) return "the claim denies what the docs state";
  const opposite = oppositeTerms(claim, doc, opposites, wholeClaim);
  if (opposite) return opposite;
  const figure = conflictingFigure(claim, doc);
  if (figure) return figure;
  const tier = conflictingTier(claim, doc);
  if (tier) return tier;
  if (
    /\bany (?:one|single)\b|\bat least one\b|\bas soon as any\b/i.test(claim) &&
    /\ball\b|\bevery\b|\beach of\b/i.test(doc)
  )
    return 'the claim says "any one", the docs say "all"';
  if (
    /\b(?:the same thing|the same as|same as (?:in|before|with)|no different|nothing changes|nothing has changed|unchanged|works the same|identical)\b/i.test(
      claim,
    ) &&
    /\b(?:differen(?:t|ce|ces)|differs?|changed|changes|no longer|unlike|whereas|by contrast|instead)\b/i.test(
      doc,
    )
  )
    return "the claim says nothing differs, the docs describe a difference";
  return null;
}

function words(text: string): string[] {
  return text.toLowerCase().match(/[a-z][a-z0-9-]*/g) ?? [];
}

/** A claim word whose opposite the doc uses (and not the word itself), or the reverse. */
function oppositeTerms(claim: string, doc: string, opposites: Opposites, wholeClaim: string): string | null {
  const a = new Set(words(claim));
  const whole = new Set(words(wholeClaim));
  const b = new Set(words(doc));
  for (const w of a) {
    const others = opposites.of.get(w);
    if (!others) continue;
    // The doc uses this side too (any form of it): it is not saying the opposite.
    const sameSide = [...opposites.of.entries()].filter(([, o]) => sameSet(o, others)).map(([k]) => k);
    if (sameSide.some((s) => b.has(s))) continue;
    for (const o of others) {
      if (b.has(o) && !whole.has(o)) return `opposite terms ("${w}" vs "${o}")`;
    }
  }
  return null;
}

function sameSet(a: Set<string>, b: Set<string>): boolean {
  return a.size === b.size && [...a].every((x) => b.has(x));
}

function conflictingTier(claim: string, doc: string): string | null {
  if (!TIER_CONTEXT.test(claim) || !TIER_CONTEXT.test(doc)) return null;
  const tiers = (text: string) => new Set(words(text).filter((w) => TIERS.includes(w)));
  const a = tiers(claim);
  const b = tiers(doc);
  if (!a.size || !b.size) return null;
  for (const t of a) if (b.has(t)) return null;
  return `a different plan ("${[...a].join(", ")}" vs "${[...b].join(", ")}")`;
}

// Bare "without" is left out: "send input while running, without pausing" describes another way of
// doing something, not a denial; "without requiring/needing" is a denial.
const NEGATION_CUE =
  /\b(?:not|never|cannot|no|without (?:requiring|needing|having to|the need for))\b|n't\b/gi;
const SKIPPED_AFTER_NEGATION = new Set(
  "be been being is are was were do does did have has had get gets got to the a an any your their its it them this that ever yet always actually really necessarily automatically just even".split(
    " ",
  ),
);
const QUANTIFIERS = new Set(["each", "every", "all", "only", "just", "both", "either"]);

/**
 * True when a negation in `text` applies to a term of `other`: the first content words after the
 * cue (auxiliaries and articles skipped; frequent product words such as "flow" or "run" passed
 * over without counting) include one of the other side's specific terms. "Deployments do not
 * contain code" then does not clash with "code stays in your storage", while "won't capture logs"
 * clashes with "captures the logs" and "do not automatically cause the flow run to fail" with
 * "the flow run is marked failed".
 */
function negatesShared(text: string, otherTerms: Set<string>): boolean {
  for (const m of text.matchAll(NEGATION_CUE)) {
    const after =
      text
        .slice(m.index! + m[0].length)
        .split(/[,;:.!?]/)[0]!
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
      const t = contentTerms(word)[0];
      if (t !== undefined && WEAK_TERMS.has(t)) continue;
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

/** Figures with the noun they count ("5 times", "three heartbeats"), durations in seconds. */
function numbersWithNouns(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const re =
    /\b(\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand)[\s-]+([a-z]+)/gi;
  for (const m of text.matchAll(re)) {
    const raw = m[1]!.toLowerCase();
    const value = NUMBER_WORDS[raw] ?? Number(raw);
    const noun = m[2]!.toLowerCase().replace(/s$/, "");
    if (!Number.isFinite(value)) continue;
    const unit = UNIT_SECONDS[noun];
    if (unit) out.set("duration", value * unit);
    else out.set(noun, value);
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
