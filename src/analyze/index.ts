/** The analyze stage: conversation metrics and moments of one call. Pure. */
import type { Call } from "../model/call.js";
import type { CallAnalysis } from "../model/moments.js";
import { type CompetitorDefinition, compileCompetitors, DEFAULT_COMPETITORS } from "./competitors.js";
import { computeMetrics } from "./metrics.js";
import { findClaims } from "./moments/claims.js";
import { findCompetitorMentions } from "./moments/competitors.js";
import { findNextSteps } from "./moments/next-steps.js";
import { findObjections } from "./moments/objections.js";
import { sentencesOf } from "./moments/sentences.js";
import { isQuestion } from "./questions.js";
import { compileVocabulary, DEFAULT_PRODUCT_VOCABULARY, type ProductVocabulary } from "./vocabulary.js";

export interface AnalyzeOptions {
  competitors?: CompetitorDefinition[];
  vocabulary?: ProductVocabulary;
}

const defaultVocabulary = compileVocabulary(DEFAULT_PRODUCT_VOCABULARY);
const defaultCompetitors = compileCompetitors(DEFAULT_COMPETITORS);

export function analyzeConversation(call: Call, options: AnalyzeOptions = {}): CallAnalysis {
  const vocabulary = options.vocabulary ? compileVocabulary(options.vocabulary) : defaultVocabulary;
  const competitors = options.competitors ? compileCompetitors(options.competitors) : defaultCompetitors;
  const sentences = sentencesOf(call);
  return {
    metrics: computeMetrics(call),
    claims: findClaims(sentences, vocabulary),
    objections: findObjections(sentences),
    competitors: findCompetitorMentions(sentences, competitors),
    questions: sentences.filter((s) => isQuestion(s.text)).map((s) => ({ ...s, kind: "question" as const })),
    nextSteps: findNextSteps(sentences),
  };
}
