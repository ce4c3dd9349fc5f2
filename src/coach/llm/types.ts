/** The contract between the pipeline and an LLM coach (see issue: LLM coaching). */
import type { Call } from "../../model/call.js";
import type { KnowledgeHit } from "../../model/knowledge.js";
import type { Report, Verdict } from "../../model/report.js";

export interface LlmCoachInput {
  call: Call;
  /** The complete deterministic report: the fallback for every item. */
  report: Report;
  /** Evidence retrieved per report item: claims c1…, objections o1…, competitors by name. */
  evidence: Record<string, KnowledgeHit[]>;
  /** The deterministic judge's result per claim id: only the claims it is unsure of go to the model. */
  judgements?: Record<string, { verdict: Verdict; leaning: Verdict }>;
}

export interface LlmCoach {
  readonly provider: string;
  readonly model: string;
  /** Returns the report improved where the model's answer is valid and cited; never throws for provider faults. */
  refine(input: LlmCoachInput, signal?: AbortSignal): Promise<Report>;
}
