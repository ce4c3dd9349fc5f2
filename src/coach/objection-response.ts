/** Deterministic, doc-grounded answers to a prospect's objections. */

import { objectionTopicTerms } from "../ground/queries.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ObjectionMoment, ObjectionTopic } from "../model/moments.js";
import { bestSentences, contentTerms } from "./evidence-text.js";

/** How to open the answer, by topic: acknowledge first, then be specific. */
const OPENERS: Record<ObjectionTopic, string> = {
  security: "Acknowledge the security concern and be precise about where code, data and credentials live.",
  pricing:
    "Acknowledge the budget question, tie cost to the value they described, and offer the plan details in writing.",
  migration: "Acknowledge the migration effort and make it concrete: what carries over and what changes.",
  scale: "Take the scale concern seriously and answer with documented limits and mechanisms, not adjectives.",
  "lock-in": "Acknowledge the lock-in worry and point to what stays under their control.",
  kubernetes: "Answer the Kubernetes question with the documented set-up, not a general assurance.",
  "missing-feature": "Confirm exactly what they need, then answer with what the docs describe.",
  reliability: "Acknowledge the reliability concern and explain the documented failure handling.",
  support: "Acknowledge the support question and be specific about what is offered.",
  other: "Acknowledge the concern, then answer with what the documentation states.",
};

/**
 * The hits about the objection's subject, most topical first: a hit counts by how many of the
 * topic's terms and the objection's own content words its title and text hold; a hit sharing none
 * is about something else and is dropped, so the response never rests on an unrelated page.
 */
export function topicalHits(objection: ObjectionMoment, hits: KnowledgeHit[]): KnowledgeHit[] {
  const topic = new Set(contentTerms(objectionTopicTerms(objection.topic)));
  const own = new Set(contentTerms(objection.text));
  const scored = hits.map((h, i) => {
    const words = new Set(contentTerms(`${h.title} ${h.content || h.snippet}`));
    let score = 0;
    for (const t of topic) if (words.has(t)) score += 1;
    for (const t of own) if (words.has(t)) score += 1;
    return { h, i, score };
  });
  return scored
    .filter((x) => x.score > 0)
    .sort((a, b) => b.score - a.score || a.i - b.i)
    .map((x) => x.h);
}

export function suggestObjectionResponse(objection: ObjectionMoment, hits: KnowledgeHit[]): string {
  const opener = OPENERS[objection.topic] ?? OPENERS.other;
  const top = hits[0];
  if (!top)
    return `${opener} No documentation matched this concern; follow up in writing once you have checked the answer.`;
  const terms = contentTerms(`${objection.topic} ${objection.text}`);
  // A pack objection guide already holds a suggested answer: quote it rather than a docs fragment.
  const guide = hits.find((h) => h.source === "pack" && /objection/i.test(`${h.title} ${h.url}`));
  const chosen = guide ?? top;
  const sentences = bestSentences(chosen.content || chosen.snippet, terms, 2);
  const quote = sentences.length ? sentences.join(" ") : chosen.snippet.trim();
  return `${opener} ${quote} (see ${chosen.title}: ${chosen.url})`;
}
