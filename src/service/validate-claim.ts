/**
 * The `validate_claim` use case (HTTP and MCP): one statement → verdict + evidence, judged by the
 * pipeline exactly as a claim said on a call (pipeline/judge-statement.ts).
 */
import type { KnowledgeGateway } from "../knowledge/gateway.js";
import type { Evidence, Verdict } from "../model/report.js";
import type { PipelineDeps } from "../pipeline/analyze-call.js";
import { judgeStatement } from "../pipeline/judge-statement.js";
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

export async function validateStatement(
  statement: string,
  gateway: KnowledgeGateway,
  profile: ProductProfile,
  judge?: PipelineDeps["judge"],
): Promise<ClaimValidation> {
  const { text, claim, isProductClaim, query, judged, evidence } = await judgeStatement(statement, {
    knowledge: gateway,
    profile,
    ...(judge ? { judge } : {}),
  });
  return {
    statement: text,
    topic: claim.topic,
    is_product_claim: isProductClaim,
    verdict: judged.verdict,
    confidence: judged.confidence,
    correction: judged.correction,
    check: judged.check,
    evidence,
    query,
  };
}
