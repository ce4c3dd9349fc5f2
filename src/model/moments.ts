/** Moments found in a call by the analyze stage. Each keeps its speaker, start time and whole sentence. */
import type { Side } from "./call.js";

export interface MomentBase {
  speakerId: string;
  speaker: string;
  side: Side;
  start_s: number;
  /** The whole sentence the moment was found in. */
  text: string;
  utteranceIndex: number;
  sentenceIndex: number;
}

export interface ClaimMoment extends MomentBase {
  kind: "claim";
  /** Short product topic, e.g. "retries", "work pools", "pricing". */
  topic: string;
}

/**
 * The name of one of the product profile's objection topics (objections.json), e.g. "security",
 * "pricing", "migration"; "other" when no topic's cue words apply.
 */
export type ObjectionTopic = string;

export interface ObjectionMoment extends MomentBase {
  kind: "objection";
  topic: ObjectionTopic;
}

export interface CompetitorMention extends MomentBase {
  kind: "competitor";
  /** Canonical competitor name from the configured list, e.g. "Amazon MWAA (managed Airflow)". */
  competitor: string;
  /** The alias as it appeared in the sentence, e.g. "MWAA". */
  alias: string;
}

export interface QuestionMoment extends MomentBase {
  kind: "question";
}

export interface NextStepMoment extends MomentBase {
  kind: "next_step";
}

export interface ConversationMetrics {
  talk_ratio_internal: number;
  longest_monologue_s: number;
  longest_customer_story_s: number;
  interactivity: number;
  patience_s: number;
  questions_internal: number;
  questions_external: number;
}

export interface CallAnalysis {
  metrics: ConversationMetrics;
  claims: ClaimMoment[];
  objections: ObjectionMoment[];
  competitors: CompetitorMention[];
  questions: QuestionMoment[];
  nextSteps: NextStepMoment[];
}
