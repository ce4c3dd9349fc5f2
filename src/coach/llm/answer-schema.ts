/**
 * What the model must answer, as zod schemas. The same schemas drive the providers' structured
 * output (Anthropic `output_config.format`, OpenAI tool parameters or `response_format`) and the
 * validation of every answer, so the wire contract and the checks cannot drift apart.
 *
 * Every field is required (nullable where it may be empty) because OpenAI's strict mode demands it;
 * ranges and cross-references (confidence in 0..1, evidence ids that exist, moments that exist)
 * are checked by `validate.ts`, not here, so one bad item never sinks a whole answer.
 */
import { z } from "zod";

export const evidenceIdsSchema = z
  .array(z.string())
  .describe("ids of the documentation excerpts (E1, E2, …) given in the request that back this answer");

export const claimAnswerSchema = z.object({
  id: z.string().describe("claim id from ITEMS, e.g. c1"),
  verdict: z.enum(["supported", "contradicted", "unverifiable"]),
  evidence_ids: evidenceIdsSchema,
  correction: z
    .string()
    .nullable()
    .describe("for a contradicted claim: what the documentation actually says, for the rep; else null"),
  confidence: z.number().describe("0 to 1"),
});

export const objectionAnswerSchema = z.object({
  id: z.string().describe("objection id from ITEMS, e.g. o1"),
  suggested_response: z
    .string()
    .describe("what the rep could have said, 2-4 sentences, grounded in the cited excerpts"),
  evidence_ids: evidenceIdsSchema,
});

export const positioningPointSchema = z.object({
  point: z.string().describe("one factual positioning point"),
  evidence_ids: evidenceIdsSchema,
});

export const competitorAnswerSchema = z.object({
  id: z.string().describe("competitor id from ITEMS (its name)"),
  positioning: z.array(positioningPointSchema),
});

export const observationSchema = z.object({
  kind: z.enum(["strength", "improvement"]),
  utterance_id: z.string().describe("transcript line id, e.g. u12"),
  text: z.string(),
});

/** Answer to one window request: the items it listed and, when asked, observations on the rep. */
export const windowAnswerSchema = z.object({
  claims: z.array(claimAnswerSchema),
  objections: z.array(objectionAnswerSchema),
  competitors: z.array(competitorAnswerSchema),
  observations: z.array(observationSchema),
});

export const coachingPointSchema = z.object({
  text: z.string(),
  moment_id: z.string().nullable().describe("id of a moment (c1, o2, u17…) this point is about, or null"),
});

/** Answer to the call summary request. */
export const coachingAnswerSchema = z.object({
  summary: z.string(),
  strengths: z.array(coachingPointSchema),
  improvements: z.array(coachingPointSchema),
  next_action: z.object({
    text: z.string().describe("the single most valuable next action for the rep"),
    moment_id: z.string().describe("id of the moment in the call the action follows up on (c1, o2, u17…)"),
  }),
});

export type ClaimAnswer = z.infer<typeof claimAnswerSchema>;
export type ObjectionAnswer = z.infer<typeof objectionAnswerSchema>;
export type CompetitorAnswer = z.infer<typeof competitorAnswerSchema>;
export type Observation = z.infer<typeof observationSchema>;
export type WindowAnswer = z.infer<typeof windowAnswerSchema>;
export type CoachingAnswer = z.infer<typeof coachingAnswerSchema>;

export interface AnswerFormat<T> {
  /** Tool / schema name the provider sees. */
  name: string;
  description: string;
  schema: z.ZodType<T>;
}

export const WINDOW_FORMAT: AnswerFormat<WindowAnswer> = {
  name: "record_window_review",
  description:
    "Record verdicts, responses, positioning and observations for the items of this part of the call.",
  schema: windowAnswerSchema,
};

export const COACHING_FORMAT: AnswerFormat<CoachingAnswer> = {
  name: "record_call_coaching",
  description: "Record the coaching summary, strengths, improvements and the one next action for the call.",
  schema: coachingAnswerSchema,
};
