/**
 * The report contract `call-coach/report@1` (see PRODUCT.md). Scripts and evaluations read it,
 * so the schema below is the single definition: types are inferred from it and tests validate
 * every report the CLI prints against it.
 */
import { z } from "zod";

export const REPORT_SCHEMA_ID = "call-coach/report@1";

/**
 * Passages a report item (claim, objection, competitor) cites: the three best are enough to check
 * a verdict and keep a long call's report readable. The pipeline, the LLM merge and the
 * validate-claim answer all cut to this one number.
 */
export const EVIDENCE_PER_ITEM = 3;

export const evidenceSchema = z.object({
  title: z.string(),
  url: z.string(),
  snippet: z.string(),
  source: z.enum(["local", "mcp", "pack"]),
});

export const participantSchema = z.object({
  name: z.string(),
  side: z.enum(["internal", "external", "unknown"]),
  email: z.string().nullable(),
  title: z.string().nullable(),
});

export const metricsSchema = z.object({
  talk_ratio_internal: z.number(),
  longest_monologue_s: z.number(),
  longest_customer_story_s: z.number(),
  interactivity: z.number(),
  patience_s: z.number(),
  questions_internal: z.number().int(),
  questions_external: z.number().int(),
});

export const verdictSchema = z.enum(["supported", "contradicted", "unverifiable"]);

export const claimSchema = z.object({
  id: z.string(),
  speaker: z.string(),
  start_s: z.number(),
  text: z.string(),
  topic: z.string(),
  verdict: verdictSchema,
  confidence: z.number().min(0).max(1),
  correction: z.string().nullable(),
  /** An unverifiable claim's passage to check ("The docs say: …"), when one aligned. */
  check: z.string().nullable().optional(),
  evidence: z.array(evidenceSchema),
});

export const objectionSchema = z.object({
  id: z.string(),
  speaker: z.string(),
  start_s: z.number(),
  text: z.string(),
  topic: z.string(),
  suggested_response: z.string(),
  evidence: z.array(evidenceSchema),
});

export const competitorSchema = z.object({
  name: z.string(),
  mentions: z.array(z.object({ speaker: z.string(), start_s: z.number(), text: z.string() })),
  positioning: z.array(z.string()),
  evidence: z.array(evidenceSchema),
});

export const coachingSchema = z.object({
  summary: z.string(),
  strengths: z.array(z.string()),
  improvements: z.array(z.string()),
  next_action: z.string(),
});

export const knowledgeBlockSchema = z.object({
  mode: z.enum(["local", "mcp", "hybrid"]),
  queries: z.number().int(),
  cache_hits: z.number().int(),
  fallbacks: z.number().int(),
  errors: z.number().int(),
});

/** Present only when an LLM provider took part in coaching. */
export const llmBlockSchema = z.object({
  provider: z.string(),
  model: z.string(),
  input_tokens: z.number().int(),
  output_tokens: z.number().int(),
  cached_tokens: z.number().int(),
  requests: z.number().int(),
  fallbacks: z.number().int(),
  cost_usd: z.number().nullable(),
  /** Claims sent to the model: only those the deterministic judge was unsure of. */
  claims_sent: z.number().int().optional(),
  /** claims_sent over all claims of the call. */
  claims_sent_share: z.number().optional(),
});

export const reportSchema = z.object({
  schema: z.literal(REPORT_SCHEMA_ID),
  call: z.object({
    id: z.string(),
    title: z.string(),
    started_at: z.string().nullable(),
    duration_s: z.number(),
    /** The call in the system it came from (Gong's call page); absent when unknown. */
    url: z.string().optional(),
    participants: z.array(participantSchema),
  }),
  metrics: metricsSchema,
  claims: z.array(claimSchema),
  objections: z.array(objectionSchema),
  competitors: z.array(competitorSchema),
  coaching: coachingSchema,
  knowledge: knowledgeBlockSchema,
  llm: llmBlockSchema.optional(),
  /**
   * What the report left out to stay bounded (see REPORT_LIMITS in the pipeline): absent when
   * nothing was. Only a transcript far longer than any call reaches the limits.
   */
  omitted: z
    .object({
      claims: z.number().int().nonnegative(),
      objections: z.number().int().nonnegative(),
      competitor_mentions: z.number().int().nonnegative(),
    })
    .optional(),
});

export type Evidence = z.infer<typeof evidenceSchema>;
export type Verdict = z.infer<typeof verdictSchema>;
export type ClaimReport = z.infer<typeof claimSchema>;
export type ObjectionReport = z.infer<typeof objectionSchema>;
export type CompetitorReport = z.infer<typeof competitorSchema>;
export type Coaching = z.infer<typeof coachingSchema>;
export type LlmBlock = z.infer<typeof llmBlockSchema>;
export type Report = z.infer<typeof reportSchema>;
