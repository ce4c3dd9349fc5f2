/**
 * The topic of an objection: the subject with the strongest evidence in the sentence, by
 * weighted topic words; a sentence without any ("I can't go through that again.") takes the
 * topic of the nearest earlier sentence of the same turn that has one, else `other`.
 */
import type { ObjectionTopic } from "../../model/moments.js";

type TopicRule = [ObjectionTopic, RegExp, number];

// Weighted evidence per topic: strong, specific words count 2, broad ones 1 (or less).
const TOPIC_RULES: TopicRule[] = [
  [
    "pricing",
    /\b(?:price[sd]?|pricing|cost|costs|expensive|cheaper|budget\w*|quote|licen[cs]ing|usage-based|dollars?|per seat|bill|fiscal|finance)\b/gi,
    2,
  ],
  [
    "pricing",
    /\b(?:pay|paying|paid|contract|tier|renewal|fixed number|spend\w*|numbers|allowance|quota|credits)\b/gi,
    1,
  ],
  [
    "security",
    /\b(?:security|secure|credentials?|secrets?|passwords?|infosec|encrypt\w*|examiners?|auditors?|regulators?|audit\w*|compliance|soc ?2|hipaa|gdpr|baa|sso|rbac|vpc|permissions?|authenticat\w*|personal (?:api )?key|patient data|pii)\b/gi,
    2,
  ],
  [
    "security",
    /\b(?:data (?:to )?leave|leave our|leaves the building|third party|tenant|subscription|access|stored|who changed|on someone else's|api keys?|sensitive|irb|outside our)\b/gi,
    1,
  ],
  [
    "lock-in",
    /\b(?:lock-in|locked in|lock in|walk away|stuck with|are we stuck|trapped|want out|get (?:it|them|that|everything) (?:back )?out|(?:if|when) we (?:ever )?(?:leave|outgrow)|somebody else's system|take (?:our|the) \w+ (?:\w+ )?with us|portable|proprietary|(?:do|would|will) we lose|we'd lose|we lose)\b/gi,
    2,
  ],
  ["lock-in", /\b(?:exit|leave in|hosted|saas|control plane|vendor)\b/gi, 1],
  [
    "migration",
    /\b(?:migrat\w*|rewrite|re-write|port(?:ing)?|switching cost|move (?:off|from|over)|moving off)\b/gi,
    2,
  ],
  [
    "migration",
    /\b(?:upgrade|switch\w*|translate|convert\w*|existing|move|moving|setup|rebuild\w*|from scratch)\b/gi,
    1,
  ],
  ["kubernetes", /\b(?:kubernetes|k8s|gke|eks|aks|helm|autopilot|cluster|pods?|cold starts?)\b/gi, 2],
  [
    "scale",
    /\b(?:scale|scaling|thousands?|millions?|hundreds? of thousands|peak|spikes?|bottleneck|ceiling|throughput|rate limits?|volume|fan(?:s)? out|load|overload\w*|fall(?:s)? over)\b/gi,
    2,
  ],
  [
    "reliability",
    /\b(?:reliab\w*|outages?|downtime|uptime|fail(?:ure|over)|high availability|goes down|go down|went down|stalled|unavailable|crash\w*)\b/gi,
    2,
  ],
  ["reliability", /\b(?:broke|broken|breaks)\b/gi, 1],
  ["support", /\b(?:support team|sla|response time|on-call|help desk|support)\b/gi, 2],
  [
    "missing-feature",
    /\b(?:does it support|doesn't support|missing|lack\w*|no way to|no native|extra work|not supported|workaround|gap)\b/gi,
    2,
  ],
];

/** Topic with the most evidence; null when the sentence names no subject at all. */
export function topicEvidence(text: string): ObjectionTopic | null {
  const scores = new Map<ObjectionTopic, number>();
  for (const [topic, re, weight] of TOPIC_RULES) {
    const hits = text.match(re)?.length ?? 0;
    if (hits) scores.set(topic, (scores.get(topic) ?? 0) + hits * weight);
  }
  let best: ObjectionTopic | null = null;
  let bestScore = 0;
  // Map iteration follows TOPIC_RULES order, so ties go to the earlier topic.
  for (const [topic, score] of scores) {
    if (score > bestScore) {
      best = topic;
      bestScore = score;
    }
  }
  return best;
}

export function classifyObjection(text: string, context: string[] = []): ObjectionTopic {
  const own = topicEvidence(text);
  if (own) return own;
  for (const previous of context) {
    const topic = topicEvidence(previous);
    if (topic) return topic;
  }
  return "other";
}
