/**
 * Objections and concerns raised by external speakers, with a topic. A sentence is an objection
 * when it carries a concern cue — worry, refusal, a constraint someone will enforce (security,
 * finance, regulators), a risk, cost pushback, a skeptical "why not just …?" — not every customer
 * question is one. The topic is the subject with the strongest evidence in the sentence; a
 * sentence without any ("I can't go through that again.") takes the topic of the sentence before
 * it in the same turn.
 */
import type { ObjectionMoment, ObjectionTopic } from "../../model/moments.js";
import type { SentenceRef } from "./sentences.js";

const STAKEHOLDER =
  /\b(?:finance|procurement|legal|security|compliance|infosec|leadership|management|regulators?|auditors?|examiners?|cfo|ciso|cto|board|irb|ethics (?:board|committee)|privacy (?:team|officer)|dpo|works council|risk (?:team|committee)|lawyers|it department|platform team)\b/i;

const CONCERN_CUES: RegExp[] = [
  // Feelings about adopting it.
  /\b(?:worried|worry|worries|concern(?:ed|s)?|nervous|afraid|scared|uneasy|uncomfortable|not comfortable|skeptical|sceptical|hesitant|wary|not convinced|unconvinced|burned|burnt)\b/i,
  // Refusals and hard constraints.
  /\b(?:won't|will not|can't|cannot|couldn't|not allowed|never|no way|hard no|non-starter|deal[- ]breaker|blocker|full stop|not something (?:we|they) accept)\b/i,
  /\bnone of (?:\w+\s+){0,4}(?:can|may|should|is allowed to|are allowed to)\b/i,
  // A stakeholder who will ask, require or refuse something.
  new RegExp(
    String.raw`${STAKEHOLDER.source}(?:\s+[\w']+){0,3}?\s+(?:will|would|'ll|is going to|are going to|won't|will not|wouldn't|need|needs|require|requires|insists?|asks?|demands?|wants?|flagged|pushed back|objected|refused|rejected)\b`,
    "i",
  ),
  // Naming a problem: "the bigger issue for me is audit", "my main worry".
  /\b(?:the|my|our|one|another|a|big|biggest|bigger|main|real)\s+(?:\w+\s+)?(?:issue|problem|concern|hesitation|sticking point|red flag|question mark)\b/i,
  /\b(?:gap|problem|issue|blocker|dealbreaker|deal-breaker|show-stopper|showstopper)\s+for (?:us|me|the team|our team)\b/i,
  // Complaints about how things went with the vendor or the product.
  /\b(?:was|were|is|are|been|has been|have been)\s+(?:really\s+|quite\s+|pretty\s+|very\s+)?(?:slow|poor|bad|unreliable|disappointing|frustrating|flaky|unresponsive|too slow)\b/i,
  // Risk words.
  /\b(?:risk|risky|painful|pain|headache|nightmare|broke|breaks|broken|bottleneck|ceiling|outage|downtime|overhead)\b/i,
  // Cost pushback and price history.
  /\b(?:too (?:expensive|costly|much|complex|complicated)|expensive|pricey|budget|budgeted|over budget|cheaper|came in lower|usage-based|why (?:would|should) we pay|why we'd pay|pay for|fixed (?:number|price|annual)|more than we (?:budgeted|expected|planned|pay|spend))\b/i,
  /\b(?:quote|price|pricing|offer|bid|proposal)\b.*\b(?:lower|cheaper|less|better)\b/i,
  /\b(?:doubled|tripled|went up|increased?|hiked?)\b.*\b(?:price|pricing|cost|renewal|bill|fee)\b|\b(?:price|pricing|cost|bill|fees?)\b.*\b(?:doubled|tripled|went up|keeps? (?:growing|going up|rising|climbing))\b/i,
  // Lock-in.
  /\b(?:locked in|lock-in|lock in|walk away|stuck with|take (?:our|the) \w+ with us|leave in|vendor)\b/i,
  // Migration effort.
  /\b(?:rewrite|re-write|migration|migrate|port(?:ing)? (?:all|every)|retrain|switching cost)\b.*\b(?:months|effort|weeks|again|another|everything|all|time|cost|team)\b/i,
  /\bswitching costs?\b/i,
  // Effort and capacity pushback.
  /\b(?:no (?:time|bandwidth|capacity|budget|headcount)|not enough (?:people|time|engineers))\b/i,
  /^(?!.*\b(?:sav(?:e|es|ed|ing)|less|no)\s+(?:\w+\s+){0,3}work\b).*\b(?:extra|more|a lot of|too much) work\b/i,
  // Skeptical questions.
  /\bwhy not just\b|\bwhy (?:wouldn't|would|should|shouldn't) (?:we|i)\b|\bwhat happens (?:if|when)\b|\bhow do (?:we|I) know\b|\bhow (?:painful|hard|difficult)\b|\bdoes it (?:really|actually)\b/i,
  /\bI don't want\b|\bwe don't want\b|\bnot (?:sure|convinced|certain)\b|\b(?:I|we)(?:'d| would) (?:need|want) to see\b|\b(?:I|we)(?:'d| would) need\b/i,
  // Audible hesitation before a statement: "Hmm, that's a gap for us."
  /^(?:hmm+|hm+)\b[,.!]?\s+\S+\s+\S+/i,
];

// A customer question about something going wrong ("What about the spikes at month end?").
const RISK_QUESTION =
  /\b(?:spikes?|peaks?|outages?|go(?:es)? down|went down|fails?|failures?|downtime|lose|losing|overload\w*|breach\w*|leak\w*|time(?:s|d)? out|timeouts?|hang|hangs|stuck|fall(?:s)? over|break|breaks)\b/i;

type TopicRule = [ObjectionTopic, RegExp, number];

// Weighted evidence per topic: strong, specific words count 2, broad ones 1 (or less).
const TOPIC_RULES: TopicRule[] = [
  [
    "pricing",
    /\b(?:price[sd]?|pricing|cost|costs|expensive|cheaper|budget\w*|quote|licen[cs]ing|usage-based|dollars?|per seat|bill|fiscal|finance)\b/gi,
    2,
  ],
  ["pricing", /\b(?:pay|paying|paid|contract|tier|renewal|fixed number|spend\w*|numbers)\b/gi, 1],
  [
    "security",
    /\b(?:security|secure|credentials?|secrets?|infosec|encrypt\w*|examiners?|auditors?|regulators?|audit\w*|compliance|soc ?2|hipaa|gdpr|baa|sso|rbac|vpc|permissions?|patient data|pii)\b/gi,
    2,
  ],
  [
    "security",
    /\b(?:data (?:to )?leave|leave our|leaves the building|third party|tenant|subscription|access|stored|who changed|on someone else's|api keys?|sensitive|irb)\b/gi,
    1,
  ],
  [
    "lock-in",
    /\b(?:lock-in|locked in|lock in|walk away|stuck with|take (?:our|the) \w+ (?:\w+ )?with us|portable|proprietary|(?:do|would|will) we lose|we'd lose|we lose)\b/gi,
    2,
  ],
  ["lock-in", /\b(?:exit|leave in|hosted|saas|control plane|vendor)\b/gi, 1],
  [
    "migration",
    /\b(?:migrat\w*|rewrite|re-write|port(?:ing)?|switching cost|move (?:off|from|over)|moving off)\b/gi,
    2,
  ],
  ["migration", /\b(?:upgrade|switch\w*|translate|convert\w*|existing)\b/gi, 1],
  ["kubernetes", /\b(?:kubernetes|k8s|gke|eks|aks|helm|autopilot|cluster|pods?|cold starts?)\b/gi, 2],
  [
    "scale",
    /\b(?:scale|scaling|thousands?|millions?|hundreds? of thousands|peak|spikes?|bottleneck|ceiling|throughput|rate limits?|volume|fan(?:s)? out|load)\b/gi,
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

export function isObjection(text: string): boolean {
  if (CONCERN_CUES.some((re) => re.test(text))) return true;
  return /\?\s*$/.test(text) && RISK_QUESTION.test(text);
}

export function findObjections(sentences: SentenceRef[]): ObjectionMoment[] {
  const out: ObjectionMoment[] = [];
  sentences.forEach((s, i) => {
    if (s.side !== "external" || s.text.split(/\s+/).length < 4) return;
    if (!isObjection(s.text)) return;
    // Earlier sentences of the same turn, nearest first, give the topic when this one has none.
    const context: string[] = [];
    for (let j = i - 1; j >= 0 && sentences[j]!.utteranceIndex === s.utteranceIndex; j--)
      context.push(sentences[j]!.text);
    out.push({ ...s, kind: "objection", topic: classifyObjection(s.text, context) });
  });
  return out;
}
