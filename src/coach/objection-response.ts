/** Deterministic, doc-grounded answers to a prospect's objections. */

import { objectionTopicTerms } from "../ground/queries.js";
import type { KnowledgeHit } from "../model/knowledge.js";
import type { ObjectionMoment, ObjectionTopic } from "../model/moments.js";
import type { ProductProfile } from "../product/profile.js";
import { bestSentences, contentTerms } from "./evidence-text.js";

/** How to open an answer when the profile gives the topic no opener of its own. */
const DEFAULT_OPENER = "Acknowledge the concern, then answer with what the documentation states.";

/** How to open the answer, by topic (the profile's `opener`): acknowledge first, then be specific. */
function openerFor(topic: ObjectionTopic, profile: ProductProfile): string {
  const topics = profile.objectionTopics;
  return (
    topics.find((t) => t.name === topic)?.opener ??
    topics.find((t) => t.name === "other")?.opener ??
    DEFAULT_OPENER
  );
}

/**
 * The hits about the objection's subject, most topical first: a hit counts by how many of the
 * topic's terms and the objection's own content words its title and text hold; a hit sharing none
 * is about something else and is dropped, so the response never rests on an unrelated page.
 */
export function topicalHits(
  objection: ObjectionMoment,
  hits: KnowledgeHit[],
  profile: ProductProfile,
): KnowledgeHit[] {
  const topic = new Set(contentTerms(objectionTopicTerms(objection.topic, profile)));
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

export function suggestObjectionResponse(
  objection: ObjectionMoment,
  hits: KnowledgeHit[],
  profile: ProductProfile,
): string {
  const opener = openerFor(objection.topic, profile);
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
