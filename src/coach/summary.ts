/**
 * Deterministic coaching: a summary, strengths, improvements and exactly one next action,
 * derived from the metrics and the judged moments. Thresholds follow published
 * conversation-intelligence benchmarks for B2B calls (rep talk ratio around 43–57 %, monologues
 * under 2.5 minutes, a pause of about a second before answering).
 */
import type { Timing } from "../model/call.js";
import type { ConversationMetrics, NextStepMoment } from "../model/moments.js";
import type { ClaimReport, Coaching, CompetitorReport, ObjectionReport } from "../model/report.js";
import { formatClock } from "../text/format-time.js";

export interface CoachingInput {
  durationS: number;
  metrics: ConversationMetrics;
  claims: ClaimReport[];
  objections: ObjectionReport[];
  competitors: CompetitorReport[];
  nextSteps: NextStepMoment[];
  /** How the transcript was timed; pauses are only judged when the file gave start and end times. */
  timing?: Timing;
}

const TALK_HIGH = 0.65;
const TALK_LOW = 0.35;
const MONOLOGUE_MAX_S = 150;
const PATIENCE_LOW_S = 0.6;

export function buildCoaching(input: CoachingInput): Coaching {
  const { metrics, claims, objections, competitors } = input;
  const contradicted = claims.filter((c) => c.verdict === "contradicted");
  const supported = claims.filter((c) => c.verdict === "supported");
  const unverifiable = claims.filter((c) => c.verdict === "unverifiable");
  const strengths: string[] = [];
  const improvements: string[] = [];

  const talk = metrics.talk_ratio_internal;
  const talkPct = `${Math.round(talk * 100)}%`;
  if (talk > TALK_HIGH)
    improvements.push(`The team spoke ${talkPct} of the time; aim for under 60% and let the customer talk.`);
  else if (talk < TALK_LOW && talk > 0)
    improvements.push(`The team spoke only ${talkPct} of the time; guide the call more actively.`);
  else if (talk > 0) strengths.push(`Balanced conversation: the team spoke ${talkPct} of the time.`);

  if (metrics.longest_monologue_s > MONOLOGUE_MAX_S) {
    improvements.push(
      `Longest monologue was ${formatClock(metrics.longest_monologue_s)}; break explanations up with check-in questions.`,
    );
  }
  const pausesMeasured = (input.timing ?? "source") === "source";
  if (pausesMeasured && metrics.patience_s > 0 && metrics.patience_s < PATIENCE_LOW_S) {
    improvements.push(
      `Average pause before answering was ${metrics.patience_s.toFixed(2)} s; leave the customer room to finish.`,
    );
  }
  const minutes = Math.max(1, input.durationS / 60);
  if (metrics.questions_internal >= Math.max(3, minutes / 4)) {
    strengths.push(`Asked ${metrics.questions_internal} questions, keeping the customer engaged.`);
  } else {
    const n = metrics.questions_internal;
    improvements.push(
      n === 0
        ? "Asked no questions; use discovery questions to learn what the customer needs."
        : `Asked only ${n} question${n === 1 ? "" : "s"}; use more discovery questions.`,
    );
  }

  if (supported.length) {
    strengths.push(
      `${supported.length} product claim${supported.length === 1 ? " was" : "s were"} accurate and backed by the docs.`,
    );
  }
  for (const c of contradicted) {
    improvements.push(
      `At ${formatClock(c.start_s)} ${c.speaker} said: “${c.text}” ${c.correction ?? ""}`.trim(),
    );
  }
  if (unverifiable.length) {
    improvements.push(
      `${unverifiable.length} claim${unverifiable.length === 1 ? "" : "s"} could not be checked against the docs; confirm before repeating ${unverifiable.length === 1 ? "it" : "them"}.`,
    );
  }
  if (input.nextSteps.length) strengths.push("The call ended with concrete next steps.");
  else improvements.push("No clear next step was agreed; close every call with one.");

  const parts = [
    `${claims.length} product claim${claims.length === 1 ? "" : "s"} checked: ${supported.length} supported, ${contradicted.length} contradicted, ${unverifiable.length} unverifiable.`,
    `${objections.length} objection${objections.length === 1 ? "" : "s"} raised${objections.length ? ` (${unique(objections.map((o) => o.topic)).join(", ")})` : ""}.`,
  ];
  if (competitors.length) parts.push(`Competitors mentioned: ${competitors.map((c) => c.name).join(", ")}.`);
  parts.push(
    `Talk ratio ${talkPct}, ${metrics.questions_internal} question${metrics.questions_internal === 1 ? "" : "s"} asked by the team.`,
  );

  return { summary: parts.join(" "), strengths, improvements, next_action: nextAction(input, contradicted) };
}

/** One action, most valuable first: fix a wrong claim, then answer an objection, then secure a next step. */
function nextAction(input: CoachingInput, contradicted: ClaimReport[]): string {
  const worst = [...contradicted].sort((a, b) => b.confidence - a.confidence)[0];
  if (worst) {
    const link = worst.evidence[0]?.url;
    return `Send a correction of the claim at ${formatClock(worst.start_s)} (“${worst.text}”) in your follow-up${link ? `, with the docs link ${link}` : ""}.`;
  }
  const objection = input.objections.find((o) => o.evidence.length) ?? input.objections[0];
  if (objection) {
    const link = objection.evidence[0]?.url;
    return `Follow up on the ${objection.topic} concern raised at ${formatClock(objection.start_s)} with a written answer${link ? ` and ${link}` : ""}.`;
  }
  if (!input.nextSteps.length) return "Email the customer to agree a concrete next step with a date.";
  return "Send the recap with the agreed next steps today.";
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}
