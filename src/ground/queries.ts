/** One sanitized documentation query per moment. Only topic terms leave this module. */
import type { CompetitorDefinition } from "../analyze/competitors.js";
import type { ClaimMoment, ObjectionMoment, ObjectionTopic } from "../model/moments.js";
import { perProfile } from "../product/per-profile.js";
import type { ProductProfile } from "../product/profile.js";
import { type SanitizeContext, sanitizeQuery } from "./sanitize.js";

const MAX_TERMS = 14;

// The detector's fallback topic names no subject; it would only dilute the query.
const GENERIC_TOPICS = new Set(["product", "other", ""]);

export function claimQuery(claim: ClaimMoment, ctx: SanitizeContext): string {
  const topic = GENERIC_TOPICS.has(claim.topic.toLowerCase()) ? "" : claim.topic;
  return limitTerms(sanitizeQuery(`${topic} ${claim.text}`, ctx));
}

const topicTerms = perProfile(
  (profile): ReadonlyMap<string, string> =>
    new Map(profile.objectionTopics.map((t) => [t.name, t.queryTerms])),
);

/** The words the docs use for an objection topic's subject (the profile's `queryTerms`). */
export function objectionTopicTerms(topic: ObjectionTopic, profile: ProductProfile): string {
  return topicTerms(profile).get(topic) ?? "";
}

export function objectionQuery(
  objection: ObjectionMoment,
  ctx: SanitizeContext,
  profile: ProductProfile,
): string {
  return limitTerms(sanitizeQuery(`${objectionTopicTerms(objection.topic, profile)} ${objection.text}`, ctx));
}

/**
 * Battlecards in the pack are titled "Battlecard <name>"; docs migration guides name the
 * competitor. A managed offering of another competitor (`basedOn`) searches its base's material
 * too: what is true of Airflow is true of a hosted Airflow.
 */
export function competitorQuery(competitor: Pick<CompetitorDefinition, "name" | "basedOn">): string {
  // The display name's note in brackets ("(managed Airflow)") is for readers, not for search.
  const name = competitor.basedOn ? competitor.name.replace(/\s*\([^)]*\)/g, "") : competitor.name;
  const base = competitor.basedOn ? ` ${competitor.basedOn.toLowerCase()}` : "";
  return `${name.toLowerCase()}${base} battlecard positioning comparison migration`;
}

function limitTerms(query: string): string {
  return query.split(" ").filter(Boolean).slice(0, MAX_TERMS).join(" ");
}
