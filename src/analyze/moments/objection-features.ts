/**
 * Features of a sentence for the objection classifier: normalized word stems, stem bigrams and a
 * few hand-written features for the ways a prospect states a concern without a concern word —
 * an obligation on whatever they adopt ("anything we bring in must…"), a refusal in the first
 * person ("we're not giving a vendor…"), a condition ("if the scheduler lives with you…"), a
 * stakeholder whose rules bind them. Shared by the trainer (scripts/train-objection-model.ts)
 * and inference, so the two always see the same features.
 */

import { memo } from "../../memo.js";
import { porterStem as stemmer } from "../../text/stems.js";
import type { ObjectionLexicon } from "./objection-lexicon.js";
import { topicEvidence } from "./objection-topics.js";

// Contractions spelled out, so "won't", "will not" and "wont" give the same tokens.
const CONTRACTIONS: [RegExp, string][] = [
  [/\bwon'?t\b/g, "will not"],
  [/\bcan'?t\b|\bcannot\b/g, "can not"],
  [/\bshan't\b/g, "shall not"],
  [/\b(\w+)n't\b/g, "$1 not"],
  [/\b(\w+)'re\b/g, "$1 are"],
  [/\bi'm\b/g, "i am"],
  [/\b(\w+)'ll\b/g, "$1 will"],
  [/\b(\w+)'ve\b/g, "$1 have"],
  [/\b(\w+)'d\b/g, "$1 would"],
  [/\b(\w+)'s\b/g, "$1"],
];

/**
 * Capitalized words inside a sentence are names (people, companies, their systems) unless the
 * product profile knows them (product terms and names, competitors): they become one token, the
 * way figures do, so the model learns that a name is there, never which one.
 */
function maskNames(text: string, known: ReadonlySet<string>): string {
  return text.replace(/(?<=[a-z,;:]\s+)\p{Lu}[\p{L}'’-]*/gu, (w) =>
    known.has(w.toLowerCase().replace(/['’]s$/, "")) || /^I(?:'|’|$)/.test(w) ? w : "Name",
  );
}

/** Lower-case word tokens with contractions spelled out, names and figures each folded into one token. */
export function tokens(text: string, lexicon: { readonly knownNames: ReadonlySet<string> }): string[] {
  let t = maskNames(text, lexicon.knownNames)
    .toLowerCase()
    .replace(/[\u2018\u2019`]/g, "'");
  for (const [re, by] of CONTRACTIONS) t = t.replace(re, by);
  return (t.match(/[a-z0-9]+(?:[-'][a-z0-9]+)*/g) ?? []).map((w) =>
    /\d/.test(w) ? "<num>" : w === "name" ? "<name>" : w,
  );
}

// Addressing the vendor: "you", or the product by name (the profile's names, see handFeatures).
const SECOND_PERSON = "you|your|yours";

const HAND_FEATURES: [string, RegExp][] = [
  ["question", /\?\s*$/],
  // Obligations and requirements: on the tool, on the customer, from someone who expects it.
  [
    "obligation",
    /\b(?:has to|have to|had to|must|needs? (?:it |them |this |that )?to|required?|requirements?|expects?|mandat\w*|insists?|non-negotiable|got to|gotta)\b/i,
  ],
  ["negation", /\b(?:not|no|never|nobody|none|nothing|neither|nor|without)\b|n't\b/i],
  ["first-person", /\b(?:i|i'm|i'd|i've|me|my|we|we're|we'd|we've|us|our|ours)\b/i],
  ["condition", /\b(?:if|unless|whatever|whichever|whoever|in case|what if|assuming)\b/i],
  ["second-person", new RegExp(`\\b(?:${SECOND_PERSON})\\b`, "i")],
  ["status-quo", /\b(?:today|currently|now|nowadays|at the moment|these days|at present)\b/i],
  ["modal", /\b(?:would|could|might|will|won't|wouldn't|'d|'ll|going to|gonna)\b/i],
  [
    "pleasantry",
    /^(?:(?:oh|ah|ok|okay|yes|yeah|yep|sure|right|great|perfect|thanks|thank you|nice|cool|good|got it|makes sense|understood)\b[ ,.!]*)+$|\b(?:thanks|thank you|sounds good|sounds great|that helps|makes sense|love that|perfect)\b/i,
  ],
  [
    "stakeholder",
    /\b(?:finance|procurement|legal|security|compliance|infosec|leadership|management|regulators?|auditors?|examiners?|cfo|ciso|cto|cio|board|lawyers|it department|platform team|risk (?:team|committee))\b/i,
  ],
];

/** The hand features with the profile's product names in "second-person", compiled once per profile. */
const handFeatures = memo((lexicon: ObjectionLexicon): [string, RegExp][] => {
  const secondPerson = new RegExp(`\\b(?:${SECOND_PERSON}|${lexicon.productNames})\\b`, "i");
  return HAND_FEATURES.map(([name, re]) => [name, name === "second-person" ? secondPerson : re]);
});

// Structural cues for concerns stated as requirements, refusals and conditions.
const STANCE_FEATURES: [string, RegExp][] = [
  // An obligation on whatever they adopt: "anything we bring in must…", "we need it to run…".
  [
    "tool-obligation",
    /\b(?:it|whatever|anything|any (?:tool|platform|product|vendor|option)|the (?:tool|platform|product|orchestrator|scheduler|vendor|service|system)|that|this|they)\b(?:\s+[\w']+){0,4}?\s+(?:has to|have to|must|needs? to|should|would (?:have|need) to|is required to)\b|\bneeds? (?:it|them|this|that|something|anything|whatever|a tool|the tool) to\b/i,
  ],
  // A refusal or hard line in the first person: "we're not giving…", "I won't sign…".
  [
    "first-person-refusal",
    /\b(?:i|we)(?:'m| am|'re| are|'ll| will|'d| would| do| can| could| should)?\s*(?:not|never|n't|won't|can't|cannot|wouldn't|couldn't|don't)\b(?:\s+(?:be|going to|about to|willing to|able to|allowed to|really|just|ever))*\s+\w+(?:ing)?\b/i,
  ],
  // Someone whose rules bind the customer: "our auditors require…", "legal insists…".
  [
    "stakeholder-requires",
    /\b(?:regulators?|auditors?|examiners?|legal|compliance|security|infosec|procurement|finance|cfo|ciso|cto|board|policy|polic(?:ies)|contracts?|customers?|clients?)\b(?:\s+[\w']+){0,3}?\s+(?:expects?|requires?|insists?|mandates?|demands?|wants?|needs?|will want|will ask|won't|will not|would not|forbids?|prohibits?|says?)\b/i,
  ],
  // Depending on someone else's system: "at the mercy of", "we'd rely on you".
  [
    "dependence",
    /\b(?:depend(?:s|ent|ence)? on|reliant on|rely on|at the mercy|married to|hostage|locked|lock-in|stuck (?:with|on)|beholden)\b/i,
  ],
  // Control and ownership of their own things.
  ["ownership", /\b(?:our own|in-house|on-prem\w*|on premises?|self-host\w*|root access|production|prod)\b/i],
  // Load and capacity framed as a demand: "handle the peak", "withstand a burst".
  ["capacity", /\b(?:handle|withstand|survive|absorb|scale|spikes?|peaks?|bursts?|load)\b/i],
];

/**
 * Binary features of one sentence: `w:` stems, `b:` stem bigrams, `h:` hand features, and the
 * objection topic scorer's verdict (`h:subject`, `h:topic-…`): a concern needs a subject, and the
 * topic word lists name subjects the training sentences may not.
 */
export function objectionFeatures(
  text: string,
  cues: { rules: boolean; currentPain: boolean },
  lexicon: ObjectionLexicon,
): string[] {
  const stems = tokens(text, lexicon).map((w) => (w.includes("'") || w === "<num>" ? w : stemmer(w)));
  const out = new Set<string>();
  for (const s of stems) out.add(`w:${s}`);
  const padded = ["<s>", ...stems, "</s>"];
  for (let i = 0; i + 1 < padded.length; i++) out.add(`b:${padded[i]} ${padded[i + 1]}`);
  for (const [name, re] of handFeatures(lexicon)) if (re.test(text)) out.add(`h:${name}`);
  for (const [name, re] of STANCE_FEATURES) if (re.test(text)) out.add(`h:${name}`);
  // The cue rules and the current-pain test are features too: the model learns how far to trust them.
  if (cues.rules) out.add("h:rules");
  if (cues.currentPain) out.add("h:current-pain");
  const topic = topicEvidence(text, lexicon);
  if (topic) out.add("h:subject").add(`h:topic-${topic}`);
  return [...out];
}
