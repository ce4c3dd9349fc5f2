/**
 * Checks a model's answer against the request it answers. An item is accepted only when its
 * shape is right and every evidence id it cites was in the request; "supported" and
 * "contradicted" need at least one citation, "contradicted" also a correction. Everything else
 * becomes a problem for that item (repaired once, then the deterministic result stands). Items
 * are checked one by one so one bad item never sinks the others.
 */
import type { z } from "zod";
import {
  type ClaimAnswer,
  type CoachingAnswer,
  type CompetitorAnswer,
  claimAnswerSchema,
  coachingAnswerSchema,
  competitorAnswerSchema,
  type ObjectionAnswer,
  type Observation,
  objectionAnswerSchema,
  observationSchema,
} from "./answer-schema.js";
import type { PromptItem } from "./prompts.js";

/**
 * The precision policy applied to the model's answers, as to the deterministic judge's: below this
 * stated confidence a "contradicted" or "supported" becomes "unverifiable" (keeping its citations,
 * shown as the passage to check). A model's stated confidence is not calibrated, so the bar is high.
 */
export const MIN_DECISION_CONFIDENCE = 0.9;
const MAX_POSITIONING_POINTS = 4;
const MAX_OBSERVATIONS_PER_KIND = 3;

export interface WindowCheckContext {
  items: PromptItem[];
  hasEvidence: (id: string) => boolean;
  lineIds: ReadonlySet<string>;
}

export interface WindowCheck {
  claims: Map<string, ClaimAnswer>;
  objections: Map<string, ObjectionAnswer>;
  competitors: Map<string, CompetitorAnswer>;
  observations: Observation[];
  /** Problems by item id; "*" for the answer as a whole. */
  problems: Map<string, string[]>;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };

/** JSON from the model's text, tolerating a Markdown code fence around it. */
export function parseJsonAnswer(text: string | null): ParsedJson {
  if (text == null || !text.trim()) return { ok: false, error: "the answer was empty" };
  const fenced = /^\s*```(?:json)?\s*([\s\S]*?)\s*```\s*$/i.exec(text);
  const body = fenced ? fenced[1]! : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (err) {
    return { ok: false, error: `the answer was not valid JSON (${(err as Error).message.split("\n")[0]})` };
  }
}

export function checkWindowAnswer(value: unknown, ctx: WindowCheckContext): WindowCheck {
  const check: WindowCheck = {
    claims: new Map(),
    objections: new Map(),
    competitors: new Map(),
    observations: [],
    problems: new Map(),
  };
  const problem = (id: string, text: string) => {
    const list = check.problems.get(id) ?? [];
    list.push(text);
    check.problems.set(id, list);
  };
  if (!isObject(value)) {
    problem("*", "the answer must be a JSON object with claims, objections, competitors and observations");
    for (const item of ctx.items) problem(item.id, `no answer for ${item.id}`);
    return check;
  }
  const wanted = new Map(ctx.items.map((i) => [i.id, i]));
  const citations = (id: string, ids: string[], needOne: boolean): boolean => {
    const unknown = ids.filter((e) => !ctx.hasEvidence(e));
    if (unknown.length) {
      problem(
        id,
        `${id} cites ${unknown.join(", ")}, which ${unknown.length === 1 ? "is" : "are"} not in the request`,
      );
      return false;
    }
    if (needOne && !ids.length) {
      problem(id, `${id} cites no excerpt`);
      return false;
    }
    return true;
  };

  for (const entry of elements(value.claims, "claims", problem)) {
    const parsed = parseItem(entry, claimAnswerSchema, wanted, "claim", problem);
    if (!parsed || check.claims.has(parsed.id)) continue;
    const a = parsed;
    if (!citations(a.id, a.evidence_ids, a.verdict !== "unverifiable")) continue;
    if (!(a.confidence >= 0 && a.confidence <= 1)) {
      problem(a.id, `${a.id}: confidence must be between 0 and 1`);
      continue;
    }
    if (a.verdict === "contradicted" && !(a.correction && a.correction.trim().length >= 10)) {
      problem(a.id, `${a.id} is contradicted but has no correction`);
      continue;
    }
    check.claims.set(a.id, conservative(a));
  }

  for (const entry of elements(value.objections, "objections", problem)) {
    const parsed = parseItem(entry, objectionAnswerSchema, wanted, "objection", problem);
    if (!parsed || check.objections.has(parsed.id)) continue;
    if (!citations(parsed.id, parsed.evidence_ids, true)) continue;
    if (parsed.suggested_response.trim().length < 10) {
      problem(parsed.id, `${parsed.id} has no suggested_response`);
      continue;
    }
    check.objections.set(parsed.id, parsed);
  }

  for (const entry of elements(value.competitors, "competitors", problem)) {
    const parsed = parseItem(entry, competitorAnswerSchema, wanted, "competitor", problem);
    if (!parsed || check.competitors.has(parsed.id)) continue;
    const points = parsed.positioning.filter((p) => p.point.trim());
    if (!points.length) {
      problem(parsed.id, `${parsed.id} has no positioning point`);
      continue;
    }
    if (!points.every((p) => citations(parsed.id, p.evidence_ids, true))) continue;
    check.competitors.set(parsed.id, { id: parsed.id, positioning: points.slice(0, MAX_POSITIONING_POINTS) });
  }

  // Observations are optional extras: a bad one is dropped, never repaired.
  const perKind = { strength: 0, improvement: 0 };
  for (const entry of Array.isArray(value.observations) ? value.observations : []) {
    const parsed = observationSchema.safeParse(entry);
    if (!parsed.success || !ctx.lineIds.has(parsed.data.utterance_id) || !parsed.data.text.trim()) continue;
    if (perKind[parsed.data.kind]++ < MAX_OBSERVATIONS_PER_KIND) check.observations.push(parsed.data);
  }

  for (const item of ctx.items) {
    const answered =
      check.claims.has(item.id) || check.objections.has(item.id) || check.competitors.has(item.id);
    if (!answered && !check.problems.has(item.id)) problem(item.id, `no answer for ${item.id}`);
  }
  return check;
}

/** A low-confidence verdict is reported as "unverifiable" (keeping its citations). */
function conservative(a: ClaimAnswer): ClaimAnswer {
  if (a.verdict !== "unverifiable" && a.confidence < MIN_DECISION_CONFIDENCE)
    return { ...a, verdict: "unverifiable", correction: null };
  if (a.verdict !== "contradicted") return { ...a, correction: null };
  return a;
}

export interface CoachingCheck {
  answer: CoachingAnswer | null;
  problems: string[];
}

export function checkCoachingAnswer(value: unknown, momentIds: ReadonlySet<string>): CoachingCheck {
  const parsed = coachingAnswerSchema.safeParse(value);
  if (!parsed.success)
    return { answer: null, problems: [`the answer does not match the schema: ${brief(parsed.error)}`] };
  const a = parsed.data;
  const problems: string[] = [];
  if (!a.summary.trim()) problems.push("summary is empty");
  if (!a.next_action.text.trim()) problems.push("next_action.text is empty");
  if (!momentIds.has(a.next_action.moment_id))
    problems.push(`next_action.moment_id ${a.next_action.moment_id} is not a moment id from the request`);
  for (const p of [...a.strengths, ...a.improvements]) {
    if (p.moment_id != null && !momentIds.has(p.moment_id))
      problems.push(`moment_id ${p.moment_id} is not a moment id from the request`);
  }
  const clean = (points: CoachingAnswer["strengths"]) => points.filter((p) => p.text.trim()).slice(0, 5);
  return problems.length
    ? { answer: null, problems }
    : { answer: { ...a, strengths: clean(a.strengths), improvements: clean(a.improvements) }, problems };
}

function parseItem<T extends { id: string }>(
  entry: unknown,
  schema: z.ZodType<T>,
  wanted: Map<string, PromptItem>,
  kind: PromptItem["kind"],
  problem: (id: string, text: string) => void,
): T | null {
  const id = isObject(entry) && typeof entry.id === "string" ? entry.id : null;
  const item = id ? wanted.get(id) : undefined;
  if (!id || !item || item.kind !== kind) {
    problem("*", id ? `${id} is not a ${kind} listed in ITEMS` : `a ${kind} answer has no id`);
    return null;
  }
  const parsed = schema.safeParse(entry);
  if (!parsed.success) {
    problem(id, `${id} does not match the schema: ${brief(parsed.error)}`);
    return null;
  }
  return parsed.data;
}

function elements(value: unknown, field: string, problem: (id: string, text: string) => void): unknown[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    problem("*", `${field} must be a list`);
    return [];
  }
  return value;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function brief(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`)
    .join("; ");
}
