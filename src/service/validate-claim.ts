/**
 * One statement → verdict + evidence, through the same stages a call goes through: the statement
 * is treated as a sentence said by a rep, its topic comes from the product vocabulary, the docs
 * query is sanitized, and the deterministic judge decides.
 */
import { analyzeConversation } from "../analyze/index.js";
import { compiledProduct } from "../analyze/product.js";
import { buildSanitizeContext } from "../ground/sanitize.js";
import type { JudgeOptions } from "../judge/claim-judge.js";
import type { KnowledgeGateway } from "../knowledge/gateway.js";
import type { Call } from "../model/call.js";
import type { ClaimMoment } from "../model/moments.js";
import type { Evidence, Verdict } from "../model/report.js";
import { groundClaim, judgeOptionsFor, toEvidence } from "../pipeline/analyze-call.js";
import type { ProductProfile } from "../product/profile.js";

export interface ClaimValidation {
  statement: string;
  topic: string;
  /** Whether the claim detector would report this sentence as a product claim on a call. */
  is_product_claim: boolean;
  verdict: Verdict;
  confidence: number;
  correction: string | null;
  /** When unverifiable: the passage to check ("The docs say: …"). */
  check: string | null;
  evidence: Evidence[];
  /** The sanitized query sent to the knowledge source. */
  query: string;
}

/** A sentence as a rep's claim, its topic from the product vocabulary (when detection found none). */
export function statementClaim(text: string, profile: ProductProfile): ClaimMoment {
  return {
    kind: "claim",
    topic: (compiledProduct(profile).vocabulary.match(text)[0] ?? "product").toLowerCase(),
    speakerId: "rep",
    speaker: "Rep",
    side: "internal",
    start_s: 0,
    text,
    utteranceIndex: 0,
    sentenceIndex: 0,
  };
}

export async function validateStatement(
  statement: string,
  gateway: KnowledgeGateway,
  profile: ProductProfile,
  judge?: JudgeOptions,
): Promise<ClaimValidation> {
  const text = statement.replace(/\s+/g, " ").trim();
  const call: Call = {
    id: "statement",
    title: "statement",
    started_at: null,
    duration_s: 10,
    participants: [{ id: "rep", name: "Rep", email: null, title: null, side: "internal" }],
    utterances: [
      {
        index: 0,
        speakerId: "rep",
        start_s: 0,
        end_s: 10,
        text,
        sentences: [{ text, start_s: 0, end_s: 10 }],
      },
    ],
    source: { format: "text", path: null, timing: "estimated" },
    warnings: [],
  };
  const detected = analyzeConversation(call, { profile }).claims[0];
  const claim = detected ?? statementClaim(text, profile);
  const { query, judged } = await groundClaim(
    claim,
    buildSanitizeContext(call, { profile }),
    (q, topK) => gateway.search(q, { topK }),
    judgeOptionsFor({ knowledge: gateway, profile, ...(judge ? { judge } : {}) }),
  );
  return {
    statement: text,
    topic: claim.topic,
    is_product_claim: detected !== undefined,
    verdict: judged.verdict,
    confidence: judged.confidence,
    correction: judged.correction,
    check: judged.check,
    evidence: judged.evidence.slice(0, 3).map(toEvidence),
    query,
  };
}
