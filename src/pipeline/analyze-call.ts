/**
 * The analysis pipeline for one parsed call: analyze → ground → judge → coach → report.
 * Pure apart from the knowledge gateway (documentation look-ups) and the optional LLM coach;
 * neither can fail the analysis: their faults are counted in the report.
 */
import pLimit from "p-limit";
import type { CompetitorDefinition } from "../analyze/competitors.js";
import { analyzeConversation } from "../analyze/index.js";
import type { LlmCoach } from "../coach/llm/types.js";
import { suggestObjectionResponse, topicalHits } from "../coach/objection-response.js";
import { positioningPoints } from "../coach/positioning.js";
import { buildCoaching } from "../coach/summary.js";
import { claimQuery, competitorQuery, objectionQuery } from "../ground/queries.js";
import { buildSanitizeContext, type SanitizeContext } from "../ground/sanitize.js";
import { type ClaimJudgement, type JudgeOptions, judgeClaim } from "../judge/claim-judge.js";
import { profileJudgeOptions } from "../judge/options.js";
import type { KnowledgeGateway } from "../knowledge/gateway.js";
import type { Call } from "../model/call.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ClaimMoment } from "../model/moments.js";
import {
  type ClaimReport,
  type CompetitorReport,
  EVIDENCE_PER_ITEM,
  type Evidence,
  type ObjectionReport,
  REPORT_SCHEMA_ID,
  type Report,
} from "../model/report.js";
import type { ProductProfile } from "../product/profile.js";
import { round } from "../text/numbers.js";

export interface PipelineDeps {
  knowledge: KnowledgeGateway;
  /** The product being coached on: vocabulary, competitors, objection topics, judge settings. */
  profile: ProductProfile;
  /** A `--competitors` list, looked for instead of the profile's competitors. */
  competitors?: CompetitorDefinition[] | undefined;
  llm?: LlmCoach | null;
  /** Parallel documentation look-ups; bounded so a slow MCP server is not flooded. */
  concurrency?: number;
  /** Judge settings; the bundled pack's contrast pairs when absent. */
  judge?: JudgeOptions;
}

export interface PipelineResult {
  report: Report;
  /** Everything retrieved, by report item id (claims c1…, objections o1…, competitors by name). */
  evidence: Record<string, KnowledgeHit[]>;
  /** The judge's probabilities and leaning per claim id (the LLM is asked only about unsure ones). */
  judgements: Record<string, ClaimJudgement>;
}

// Spoken claims make long queries whose deciding passage often ranks below the top 8; the judge
// reads 16 (measured on the corpus train split: the deciding quote is retrieved for 70% at 8, 78% at 16).
const CLAIM_TOP_K = 16;
const OBJECTION_TOP_K = 5;
const COMPETITOR_TOP_K = 5;

/**
 * Most moments one report holds. A 60-minute call has a few dozen claims (the bench's dense
 * synthetic hour: 196); a 10 MB transcript can have 36,000, and judging, storing and reading all
 * of them costs gigabytes for a report nobody reads to the end. The first ones in call order are
 * kept and the rest counted in `omitted`, so work and memory stay bounded whatever the file.
 */
export const REPORT_LIMITS = { claims: 1_000, objections: 1_000, mentionsPerCompetitor: 100 } as const;

export async function analyzeCall(call: Call, deps: PipelineDeps): Promise<PipelineResult> {
  const { profile } = deps;
  const competitorList = deps.competitors ?? profile.competitors;
  const analysis = analyzeConversation(call, { profile, competitors: competitorList });
  const sanitize = buildSanitizeContext(call, { profile, competitors: competitorList });
  const limit = pLimit(deps.concurrency ?? 8);
  const search = (query: string, topK: number) =>
    query.trim() ? limit(() => deps.knowledge.search(query, { topK })) : Promise.resolve([]);
  const evidence: Record<string, KnowledgeHit[]> = {};
  const judgements: Record<string, ClaimJudgement> = {};
  const judgeOptions = judgeOptionsFor(deps);

  // A statement said again (a rep's stock line, a transcript that repeats itself) is grounded and
  // judged once per call: the verdict depends only on the topic and the words, so work grows with
  // the distinct claims, not with the file.
  const grounded = new Map<string, ReturnType<typeof groundClaim>>();
  const groundOnce = (claim: ClaimMoment) => {
    const key = `${claim.topic}\u0000${claim.text}`;
    let g = grounded.get(key);
    if (!g) {
      g = groundClaim(claim, sanitize, search, judgeOptions);
      grounded.set(key, g);
    }
    return g;
  };

  const claimsP = analysis.claims
    .slice(0, REPORT_LIMITS.claims)
    .map(async (claim, i): Promise<ClaimReport> => {
      const id = `c${i + 1}`;
      const { hits, judged } = await groundOnce(claim);
      evidence[id] = judged.evidence.length ? judged.evidence : hits;
      judgements[id] = judged;
      return {
        id,
        speaker: claim.speaker,
        start_s: claim.start_s,
        text: claim.text,
        topic: claim.topic,
        verdict: judged.verdict,
        confidence: round(judged.confidence, 2),
        correction: judged.correction,
        ...(judged.check ? { check: judged.check } : {}),
        evidence: judged.evidence.slice(0, EVIDENCE_PER_ITEM).map(toEvidence),
      };
    });

  const objectionsP = analysis.objections
    .slice(0, REPORT_LIMITS.objections)
    .map(async (objection, i): Promise<ObjectionReport> => {
      const id = `o${i + 1}`;
      const hits = topicalHits(
        objection,
        await search(objectionQuery(objection, sanitize, profile), OBJECTION_TOP_K),
        profile,
      );
      evidence[id] = hits;
      return {
        id,
        speaker: objection.speaker,
        start_s: objection.start_s,
        text: objection.text,
        topic: objection.topic,
        suggested_response: suggestObjectionResponse(objection, hits, profile),
        evidence: hits.slice(0, EVIDENCE_PER_ITEM).map(toEvidence),
      };
    });

  const byCompetitor = groupBy(analysis.competitors, (m) => m.competitor);
  const definitions = new Map(competitorList.map((c) => [c.name.toLowerCase(), c]));
  const competitorsP = [...byCompetitor].map(async ([name, mentions]): Promise<CompetitorReport> => {
    const definition = definitions.get(name.toLowerCase()) ?? { name, aliases: [name] };
    const base = definition.basedOn ? (definitions.get(definition.basedOn.toLowerCase()) ?? null) : null;
    const hits = await search(competitorQuery(definition), COMPETITOR_TOP_K);
    evidence[name] = hits;
    return {
      name,
      mentions: mentions
        .slice(0, REPORT_LIMITS.mentionsPerCompetitor)
        .map((m) => ({ speaker: m.speaker, start_s: m.start_s, text: m.text })),
      positioning: positioningPoints(definition, hits, profile.name, base),
      evidence: hits.slice(0, EVIDENCE_PER_ITEM).map(toEvidence),
    };
  });

  const [claims, objections, competitors] = await Promise.all([
    Promise.all(claimsP),
    Promise.all(objectionsP),
    Promise.all(competitorsP),
  ]);

  let report: Report = {
    schema: REPORT_SCHEMA_ID,
    call: {
      id: call.id,
      title: call.title,
      started_at: call.started_at,
      duration_s: round(call.duration_s, 1),
      ...(call.url ? { url: call.url } : {}),
      participants: call.participants.map((p) => ({
        name: p.name,
        side: p.side,
        email: p.email,
        title: p.title,
      })),
    },
    metrics: analysis.metrics,
    claims,
    objections,
    competitors,
    coaching: buildCoaching({
      durationS: call.duration_s,
      metrics: analysis.metrics,
      claims,
      objections,
      competitors,
      nextSteps: analysis.nextSteps,
      timing: call.source.timing,
    }),
    knowledge: deps.knowledge.stats(),
  };
  const omitted = {
    claims: analysis.claims.length - claims.length,
    objections: analysis.objections.length - objections.length,
    competitor_mentions: [...byCompetitor.values()].reduce(
      (n, m) => n + Math.max(0, m.length - REPORT_LIMITS.mentionsPerCompetitor),
      0,
    ),
  };
  if (omitted.claims || omitted.objections || omitted.competitor_mentions) report.omitted = omitted;
  if (deps.llm) report = await deps.llm.refine({ call, report, evidence, judgements });
  return { report, evidence, judgements };
}

/** The judge's settings for a knowledge source: the pack's model and contrasts, the source's term statistics. */
export function judgeOptionsFor(deps: Pick<PipelineDeps, "judge" | "knowledge" | "profile">): JudgeOptions {
  const termStats = deps.knowledge.termStatistics?.() ?? null;
  return {
    ...(deps.judge ?? profileJudgeOptions(deps.profile)),
    termStats,
    // With MCP the docs are live whatever the local knowledge base holds.
    docsSynced: deps.knowledge.mode !== "local" || (termStats?.docsSynced ?? false),
  };
}

/** One claim through ground and judge: its sanitized query, the hits, the judgement. */
export async function groundClaim(
  claim: ClaimMoment,
  sanitize: SanitizeContext,
  search: (query: string, topK: number) => Promise<KnowledgeHit[]>,
  options: JudgeOptions,
): Promise<{ query: string; hits: KnowledgeHit[]; judged: ClaimJudgement }> {
  const query = claimQuery(claim, sanitize);
  const hits = query.trim() ? await search(query, CLAIM_TOP_K) : [];
  return { query, hits, judged: judgeClaim(claim, hits, options) };
}

export function toEvidence(hit: KnowledgeHit): Evidence {
  return { title: hit.title, url: hit.url, snippet: hit.snippet, source: hit.source };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}
