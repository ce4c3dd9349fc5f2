/**
 * Applies accepted model answers to the deterministic report. Only the fields the model is asked
 * about change (verdict, confidence, correction, suggested response, positioning, coaching);
 * ids, speakers, sentences and timestamps always come from the call. Cited excerpts go first in
 * an item's evidence, and every model text that rests on the docs carries the link it rests on.
 */
import type { KnowledgeHit } from "../../model/knowledge.js";
import type {
  ClaimReport,
  Coaching,
  CompetitorReport,
  Evidence,
  ObjectionReport,
} from "../../model/report.js";
import { EVIDENCE_PER_ITEM } from "../../model/report.js";
import { formatClock } from "../../text/format-time.js";
import type { ClaimAnswer, CoachingAnswer, CompetitorAnswer, ObjectionAnswer } from "./answer-schema.js";

export type HitLookup = (evidenceId: string) => KnowledgeHit | undefined;

export function mergeClaim(claim: ClaimReport, answer: ClaimAnswer, lookup: HitLookup): ClaimReport {
  const cited = hits(answer.evidence_ids, lookup);
  const first = cited[0];
  let correction: string | null = null;
  if (answer.verdict === "contradicted" && answer.correction) {
    correction = withLink(answer.correction.trim(), first);
  }
  // Unsure: the passage the model cited is the one for the rep to check.
  const check =
    answer.verdict === "unverifiable" && first
      ? `The docs say: "${first.snippet}" (${first.title}, ${first.url})`
      : answer.verdict === "unverifiable"
        ? (claim.check ?? null)
        : null;
  return {
    ...claim,
    verdict: answer.verdict,
    confidence: Math.round(answer.confidence * 100) / 100,
    correction,
    check,
    evidence: citedFirst(cited, claim.evidence),
  };
}

export function mergeObjection(
  objection: ObjectionReport,
  answer: ObjectionAnswer,
  lookup: HitLookup,
): ObjectionReport {
  const cited = hits(answer.evidence_ids, lookup);
  const first = cited[0];
  return {
    ...objection,
    suggested_response: first
      ? withLink(answer.suggested_response.trim(), first, "see")
      : answer.suggested_response.trim(),
    evidence: citedFirst(cited, objection.evidence),
  };
}

export function mergeCompetitor(
  competitor: CompetitorReport,
  answer: CompetitorAnswer,
  lookup: HitLookup,
): CompetitorReport {
  const allCited: KnowledgeHit[] = [];
  const positioning = answer.positioning.map((p) => {
    const cited = hits(p.evidence_ids, lookup);
    allCited.push(...cited);
    return withLink(p.point.trim(), cited[0]);
  });
  return { ...competitor, positioning, evidence: citedFirst(allCited, competitor.evidence) };
}

/** Where a coaching point is about a moment, the moment's time leads it. */
export function mergeCoaching(
  answer: CoachingAnswer,
  momentTime: (id: string) => number | undefined,
): Coaching {
  const point = (p: { text: string; moment_id: string | null }) => {
    const t = p.moment_id ? momentTime(p.moment_id) : undefined;
    return t === undefined ? p.text.trim() : atTime(t, p.text.trim());
  };
  const t = momentTime(answer.next_action.moment_id);
  return {
    summary: answer.summary.trim(),
    strengths: answer.strengths.map(point),
    improvements: answer.improvements.map(point),
    next_action: t === undefined ? answer.next_action.text.trim() : atTime(t, answer.next_action.text.trim()),
  };
}

function atTime(t: number, text: string): string {
  const clock = formatClock(t);
  return text.includes(clock) ? text : `At ${clock}: ${text}`;
}

function hits(ids: string[], lookup: HitLookup): KnowledgeHit[] {
  const out: KnowledgeHit[] = [];
  for (const id of ids) {
    const hit = lookup(id);
    if (hit && !out.includes(hit)) out.push(hit);
  }
  return out;
}

function toEvidence(hit: KnowledgeHit): Evidence {
  return { title: hit.title, url: hit.url, snippet: hit.snippet, source: hit.source };
}

function citedFirst(cited: KnowledgeHit[], existing: Evidence[]): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  for (const e of [...cited.map(toEvidence), ...existing]) {
    const key = `${e.url}\u0000${e.snippet}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
  }
  return out.slice(0, EVIDENCE_PER_ITEM);
}

function withLink(text: string, hit: KnowledgeHit | undefined, lead = ""): string {
  if (!hit || text.includes(hit.url)) return text;
  return `${text} (${lead ? `${lead} ` : ""}${hit.title}: ${hit.url})`;
}
