/**
 * One statement through the claim stages a call's claims go through (analyze → ground → judge),
 * for `validate_claim`. The claim detector reads calls, so the statement is given to it as the
 * one sentence of a one-utterance call said by a rep; its topic comes from the product vocabulary
 * when the detector does not take it as a claim. Grounding and judging are the pipeline's own
 * `groundClaim`, and the evidence is cut to the report's number.
 */
import { analyzeConversation } from "../analyze/index.js";
import { compiledProduct } from "../analyze/product.js";
import { buildSanitizeContext } from "../ground/sanitize.js";
import type { ClaimJudgement } from "../judge/claim-judge.js";
import type { Call } from "../model/call.js";
import type { ClaimMoment } from "../model/moments.js";
import { EVIDENCE_PER_ITEM, type Evidence } from "../model/report.js";
import type { ProductProfile } from "../product/profile.js";
import { groundClaim, judgeOptionsFor, type PipelineDeps, toEvidence } from "./analyze-call.js";

export interface StatementJudgement {
  /** The statement with its white space collapsed. */
  text: string;
  claim: ClaimMoment;
  /** Whether the claim detector would report this sentence as a product claim on a call. */
  isProductClaim: boolean;
  /** The sanitized query sent to the knowledge source. */
  query: string;
  judged: ClaimJudgement;
  evidence: Evidence[];
}

export async function judgeStatement(
  statement: string,
  deps: Pick<PipelineDeps, "knowledge" | "judge" | "profile">,
): Promise<StatementJudgement> {
  const text = statement.replace(/\s+/g, " ").trim();
  const call = oneSentenceCall(text);
  const detected = analyzeConversation(call, { profile: deps.profile }).claims[0];
  const claim = detected ?? statementClaim(text, deps.profile);
  const { query, judged } = await groundClaim(
    claim,
    buildSanitizeContext(call, { profile: deps.profile }),
    (q, topK) => deps.knowledge.search(q, { topK }),
    judgeOptionsFor(deps),
  );
  return {
    text,
    claim,
    isProductClaim: detected !== undefined,
    query,
    judged,
    evidence: judged.evidence.slice(0, EVIDENCE_PER_ITEM).map(toEvidence),
  };
}

function oneSentenceCall(text: string): Call {
  return {
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
