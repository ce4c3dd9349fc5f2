/**
 * The topic of an objection: the subject with the strongest evidence in the sentence, by the
 * profile's weighted cue words per topic (objections.json); a sentence without any ("I can't go
 * through that again.") takes the topic of the nearest earlier sentence of the same turn that
 * has one, else `other`.
 */
import type { ObjectionTopic } from "../../model/moments.js";
import type { ObjectionLexicon } from "./objection-lexicon.js";

/** Topic with the most evidence; null when the sentence names no subject at all. */
export function topicEvidence(text: string, lexicon: ObjectionLexicon): ObjectionTopic | null {
  const scores = new Map<ObjectionTopic, number>();
  for (const [topic, re, weight] of lexicon.topics) {
    const hits = text.match(re)?.length ?? 0;
    if (hits) scores.set(topic, (scores.get(topic) ?? 0) + hits * weight);
  }
  let best: ObjectionTopic | null = null;
  let bestScore = 0;
  // Map iteration follows the profile's topic order, so ties go to the earlier topic.
  for (const [topic, score] of scores) {
    if (score > bestScore) {
      best = topic;
      bestScore = score;
    }
  }
  return best;
}

export function classifyObjection(
  text: string,
  lexicon: ObjectionLexicon,
  context: string[] = [],
): ObjectionTopic {
  const own = topicEvidence(text, lexicon);
  if (own) return own;
  for (const previous of context) {
    const topic = topicEvidence(previous, lexicon);
    if (topic) return topic;
  }
  return "other";
}
