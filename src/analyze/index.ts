/** The analyze stage: conversation metrics and moments of one call. Pure. */
import type { Call } from "../model/call.js";
import type { CallAnalysis } from "../model/moments.js";
import type { ProductProfile } from "../product/profile.js";
import type { CompetitorDefinition } from "./competitors.js";
import { computeMetrics } from "./metrics.js";
import { findClaims } from "./moments/claims.js";
import { findCompetitorMentions } from "./moments/competitors.js";
import { findNextSteps } from "./moments/next-steps.js";
import { findObjections } from "./moments/objections.js";
import { sentencesOf } from "./moments/sentences.js";
import { compiledCompetitors, compiledProduct } from "./product.js";
import { isQuestion } from "./questions.js";

export interface AnalyzeOptions {
  /** The product: its vocabulary finds claims, its competitors mentions, its topics objections. */
  profile: ProductProfile;
  /** Competitors to look for instead of the profile's (a `--competitors` list). */
  competitors?: readonly CompetitorDefinition[] | undefined;
}

export function analyzeConversation(call: Call, options: AnalyzeOptions): CallAnalysis {
  const product = compiledProduct(options.profile);
  const competitors = options.competitors ? compiledCompetitors(options.competitors) : product.competitors;
  const sentences = sentencesOf(call);
  return {
    metrics: computeMetrics(call),
    claims: findClaims(sentences, product.vocabulary, product.claims),
    objections: findObjections(sentences, product.objections),
    competitors: findCompetitorMentions(sentences, competitors),
    questions: sentences.filter((s) => isQuestion(s.text)).map((s) => ({ ...s, kind: "question" as const })),
    nextSteps: findNextSteps(sentences),
  };
}
