/**
 * Objections and concerns raised by external speakers, with a topic. A sentence is an objection
 * when it carries a concern cue (worry, refusal, risk, cost pushback, skeptical "why not …?") —
 * not every customer question is one — and the topic comes from the subject of the concern.
 */
import type { ObjectionMoment, ObjectionTopic } from "../../model/moments.js";
import type { SentenceRef } from "./sentences.js";

const CONCERN_CUES: RegExp[] = [
  /\b(?:worried|worry|worries|concern(?:ed|s)?|nervous|afraid|scared|uneasy|uncomfortable|not comfortable|skeptical|hesitant|wary)\b/i,
  /\b(?:won't|will not|can't|cannot|couldn't|not allowed|never|no way|hard no|non-starter|deal[- ]breaker|blocker|full stop|not something (?:we|they) accept)\b/i,
  /\b(?:risk|risky|painful|pain|headache|nightmare|broke|breaks|broken|bottleneck|ceiling|outage|downtime|overhead)\b/i,
  /\b(?:too (?:expensive|costly|much|complex|complicated)|expensive|pricey|budget|cheaper|came in lower|usage-based|why (?:would|should) we pay|why we'd pay|pay for)\b/i,
  /\b(?:locked in|lock-in|lock in|walk away|stuck with|take (?:our|the) \w+ with us|leave in|vendor)\b/i,
  /\b(?:rewrite|re-write|migration|migrate|port(?:ing)? (?:all|every)|retrain)\b.*\b(?:months|effort|weeks|again|another|everything|all)\b/i,
  /\bwhy not just\b|\bwhat happens (?:if|when)\b|\bhow do (?:we|I) know\b|\bhow painful\b|\bdoes it (?:really|actually)\b/i,
  /\b(?:examiners?|auditors?|regulators?|infosec|compliance|security team)\b.*\b(?:ask|require|need|won't|will not|allow)\b/i,
  /\bI don't want\b|\bwe don't want\b|\bnot sure (?:we|it|that|if)\b|\bI'm not sure\b/i,
];

const TOPICS: [ObjectionTopic, RegExp][] = [
  [
    "pricing",
    /\b(?:price|pricing|cost|costs|expensive|cheaper|budget|pay|paying|quote|license|licen[cs]ing|usage-based|contract|finance|dollars?|per seat|tier)\b/i,
  ],
  [
    "security",
    /\b(?:security|secure|credentials?|secrets?|infosec|encrypt\w*|examiners?|auditors?|compliance|soc ?2|sso|rbac|data (?:to )?leave|leave our|vpc|subscription|permissions?|access|stored on someone else's)\b/i,
  ],
  [
    "lock-in",
    /\b(?:lock-in|locked in|lock in|walk away|exit|leave|stuck with|take (?:our|the) \w+ (?:\w+ )?with us|portable|proprietary)\b/i,
  ],
  [
    "migration",
    /\b(?:migrat\w*|rewrite|re-write|port\w*|upgrade|move (?:off|from|over)|moving off|switch\w*)\b/i,
  ],
  ["kubernetes", /\b(?:kubernetes|k8s|gke|eks|aks|helm|cluster|pods?)\b/i],
  [
    "scale",
    /\b(?:scale|scaling|thousands?|millions?|hundreds? of thousands|peak|bottleneck|ceiling|throughput|rate limits?|volume|fan(?:s)? out|load)\b/i,
  ],
  [
    "reliability",
    /\b(?:reliab\w*|outage|downtime|uptime|fail(?:ure|over)|high availability|\bha\b|broke|crash\w*)\b/i,
  ],
  ["support", /\b(?:support team|sla|response time|on-call|help desk)\b/i],
  ["missing-feature", /\b(?:does it support|doesn't support|missing|lack|no way to|can it)\b/i],
];

export function classifyObjection(text: string): ObjectionTopic {
  for (const [topic, re] of TOPICS) if (re.test(text)) return topic;
  return "other";
}

export function isObjection(text: string): boolean {
  return CONCERN_CUES.some((re) => re.test(text));
}

export function findObjections(sentences: SentenceRef[]): ObjectionMoment[] {
  const out: ObjectionMoment[] = [];
  for (const s of sentences) {
    if (s.side !== "external" || s.text.split(/\s+/).length < 4) continue;
    if (isObjection(s.text)) out.push({ ...s, kind: "objection", topic: classifyObjection(s.text) });
  }
  return out;
}
