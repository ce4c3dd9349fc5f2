/** One sanitized documentation query per moment. Only topic terms leave this module. */
import type { ClaimMoment, ObjectionMoment, ObjectionTopic } from "../model/moments.js";
import { type SanitizeContext, sanitizeQuery } from "./sanitize.js";

const MAX_TERMS = 14;

/** What the docs call the subject of each objection topic, added to the customer's own words. */
const OBJECTION_TERMS: Record<ObjectionTopic, string> = {
  security: "security secrets credentials encryption hybrid workers infrastructure",
  pricing: "pricing plans cloud",
  migration: "migrate migration guide",
  scale: "scale concurrency limits rate limits",
  "lock-in": "open source self-hosted server",
  kubernetes: "kubernetes worker helm",
  "missing-feature": "",
  reliability: "retries states crashed high availability",
  support: "support",
  other: "",
};

// The detector's fallback topic names no subject; it would only dilute the query.
const GENERIC_TOPICS = new Set(["product", "other", ""]);

export function claimQuery(claim: ClaimMoment, ctx: SanitizeContext): string {
  const topic = GENERIC_TOPICS.has(claim.topic.toLowerCase()) ? "" : claim.topic;
  return limitTerms(sanitizeQuery(`${topic} ${claim.text}`, ctx));
}

/** The words the docs use for an objection topic's subject. */
export function objectionTopicTerms(topic: ObjectionTopic): string {
  return OBJECTION_TERMS[topic] ?? "";
}

export function objectionQuery(objection: ObjectionMoment, ctx: SanitizeContext): string {
  return limitTerms(sanitizeQuery(`${OBJECTION_TERMS[objection.topic]} ${objection.text}`, ctx));
}

/** Battlecards in the pack are titled "Battlecard <name>"; docs migration guides name the competitor. */
export function competitorQuery(competitor: string): string {
  return `${competitor.toLowerCase()} battlecard positioning comparison migration`;
}

function limitTerms(query: string): string {
  return query.split(" ").filter(Boolean).slice(0, MAX_TERMS).join(" ");
}
