/**
 * Objections and concerns raised by external speakers, with a topic. A sentence is an objection
 * when the cue rules below find a concern cue — worry, refusal, a constraint someone will enforce
 * (security, finance, regulators), a risk, cost pushback, a skeptical "why not just …?" — or when
 * the learned classifier (objection-classifier.ts) rates it likely enough; not every customer
 * question is one. The rules are precise on the phrasings they know; the classifier carries
 * detection to phrasings no rule was written for. The topic comes from objection-topics.ts.
 */

import { memo } from "../../memo.js";
import type { ObjectionMoment } from "../../model/moments.js";
import { classifierSaysObjection } from "./objection-classifier.js";
import type { ObjectionLexicon } from "./objection-lexicon.js";
import { classifyObjection } from "./objection-topics.js";
import type { SentenceRef } from "./sentences.js";

/** Shorter external sentences ("That's a problem.") are not reported on their own. */
export const MIN_OBJECTION_WORDS = 4;

const STAKEHOLDER =
  /\b(?:finance|procurement|legal|security|compliance|infosec|leadership|management|regulators?|auditors?|examiners?|cfo|ciso|cto|cio|board|irb|ethics (?:board|committee)|privacy (?:team|officer)|dpo|works council|risk (?:team|committee)|lawyers|it department|platform team)\b/i;

// Someone on the customer's side named by role: "our IT director", "my platform colleagues",
// "the data governance board", "our security office".
const ROLE_HOLDER =
  /\b(?:our|my|the|their)\s+(?:[\w-]+\s+){0,2}?(?:team|teams|office|department|director|lead|head|board|committee|officer|architect|manager|managers|vp|group|colleagues|people|folks|dbas|admins?|ops)\b/i;

// A future or hypothetical reaction: pushback someone will raise, or a condition on adopting.
const PUSHBACK_VERB =
  /(?:will|would|'ll|is going to|are going to|won't|will not|wouldn't|need|needs|require|requires|insists?|asks?|demands?|wants?|flagged|pushed back|objected|refused|rejected)\b/i;

/**
 * Concern cues, by family. Each family is a way of raising a concern, not a sentence seen in a
 * call: feelings about adopting, refusals, stakeholders who will push back, named problems,
 * risk and cost, lock-in and exit, migration and effort, operational burden, skeptical and
 * what-if questions.
 */
const CONCERN_CUES: RegExp[] = [
  // Feelings about adopting it.
  // Tools that failed them before: "two orchestration tools died on us".
  /\b(?:die|died|dies|fail(?:ed|s)?|broke|crash(?:ed|es)?|fell over|gave out|went down|blew up)\s+on (?:us|me|the team)\b/i,
  // A stakeholder who will say no in their own words: "my governance lead will say … isn't …".
  new RegExp(
    String.raw`(?:${ROLE_HOLDER.source}|${STAKEHOLDER.source})(?:\s+[\w']+){0,2}?\s+(?:will|would|'ll|is going to|are going to)\s+(?:\w+\s+)?(?:say|tell us|argue|point out|call it)\b.*\b(?:not|isn't|aren't|won't|can't|no|never|too)\b`,
    "i",
  ),
  /\byet another\b|\ba second (?:system|tool|orchestrator|platform|scheduler|fleet|vendor|control plane)\b/i,
  /\b(?:worried|worry|worries|concern(?:ed|s)?|nervous|afraid|scared|uneasy|uncomfortable|not comfortable|skeptical|sceptical|hesitant|wary|not convinced|unconvinced|burned|burnt|(?:i|we)(?:'d| would) hate|not (?:thrilled|keen|excited)|(?:i|we) don't love)\b/i,
  // The wider vocabulary of unease and doubt ("makes me twitchy", "not sold on", "I doubt").
  /\b(?:twitchy|jumpy|antsy|queasy|squeamish|anxious|apprehensive|reluctant|leery|doubtful|paranoid|allergic to|not sold|not a fan|not crazy about|i doubt|we doubt|hard to believe|too good to be true|heard that before|(?:makes?|making) (?:me|us|them|people) (?:\w+ )?(?:nervous|twitchy|uneasy|uncomfortable|anxious|wary|sweat))\b/i,
  // Promises that did not hold before: "promised … by three vendors, and none of them delivered".
  /\b(?:promised|sold (?:us|on)|told us)\b.*\b(?:none|never|didn't|did not|wasn't|weren't|failed to|not once)\b/i,
  // Refusals and hard constraints.
  /\b(?:won't|will not|can't|cannot|couldn't|not allowed|no way|hard no|non-starter|deal[- ]breaker|blocker|full stop|not something (?:we|they) accept|never (?:approve|allow|accept|sign|agree|let|pass|fly))\b/i,
  /\bnone of (?:\w+\s+){0,4}(?:can|may|should|is allowed to|are allowed to)\b/i,
  // A stakeholder who will ask, require or refuse something ("finance will want…", "they'll ask
  // why we need…", "our IT director" + "a tough sell").
  new RegExp(String.raw`${STAKEHOLDER.source}(?:\s+[\w']+){0,3}?\s+${PUSHBACK_VERB.source}`, "i"),
  new RegExp(
    String.raw`${ROLE_HOLDER.source}(?:\s+[\w']+){0,3}?\s+(?:will|would|'ll|is going to|are going to|won't|wouldn't)\s+(?:\w+\s+){0,2}?(?:ask|push back|object|refuse|reject|block|veto|want|insist|demand|have a fit|say no|balk|question)\b`,
    "i",
  ),
  /\b(?:they|he|she)(?:'ll| will| are going to| is going to| would)\s+(?:\w+\s+)?(?:ask why|ask whether|ask how|push back|object|say no|want to know|have a fit|balk|question why)\b/i,
  /\b(?:tough|hard|difficult) (?:sell|conversation|discussion|case to make)\b|\buphill (?:battle|fight)\b/i,
  // A bad outcome foreseen: "anything that needs a chart upgrade every month is going to drag".
  /\b(?:will|'ll|is going to|are going to|gonna|would|'d)\s+(?:\w+\s+)?(?:drag|hurt|suck|stall|slow us down|be a (?:problem|pain|struggle|nightmare|mess|hassle|stretch|hard sell)|be (?:painful|hard|difficult|tricky|messy|expensive|costly)|take forever|cost us|eat (?:into|up))\b/i,
  // Naming a problem: "the bigger issue for me is audit", "my main worry".
  /\b(?:the|my|our|one|another|a|big|biggest|bigger|main|real)\s+(?:\w+\s+)?(?:issue|problem|concern|hesitation|sticking point|red flag|question mark)\b/i,
  /\b(?:gap|problem|issue|blocker|dealbreaker|deal-breaker|show-stopper|showstopper)\s+for (?:us|me|the team|our team)\b/i,
  // Complaints about how things went with a vendor or product ("response times were slow").
  /\b(?:was|were|been|has been|have been)\s+(?:really\s+|quite\s+|pretty\s+|very\s+)?(?:slow|poor|bad|unreliable|disappointing|frustrating|flaky|unresponsive|too slow)\b/i,
  // Risk words.
  /\b(?:risk|risky|outage|downtime|overload\w*|single point of failure)\b/i,
  // Cost pushback and price history.
  /\b(?:too (?:expensive|costly|much|complex|complicated)|pricey|budget (?:is|was|'s) (?:\w+ )?(?:spent|gone|tight|flat|frozen|cut|exhausted|used up)|(?:ate|eats|eating|eat) (?:into |up )?(?:a |the |our |this )(?:[\w']+ ){0,6}?budget|no budget|budget freeze|budgeted|over budget|cheaper|came in lower|usage-based|seat-based|per-seat|why (?:would|should) we pay|why we'd pay|pay for|fixed (?:number|price|annual)|more than we (?:budgeted|expected|planned|pay|spend)|(?:eat|eats|eating|burn|burns|burning) (?:through )?(?:the|our) (?:\w+ )?(?:budget|allowance|quota|credits))\b/i,
  /\b(?:quote|price|pricing|offer|bid|proposal)\b.*\b(?:lower|cheaper|less|better)\b/i,
  /\b(?:doubled|tripled|went up|increased?|hiked?)\b.*\b(?:price|pricing|cost|renewal|bill|fee)\b|\b(?:price|pricing|cost|bill|fees?)\b.*\b(?:doubled|tripled|went up|keeps? (?:growing|going up|rising|climbing))\b/i,
  // Lock-in and exit: leaving, getting our things back out, depending on someone else's system.
  /\b(?:locked in|lock-in|lock in|walk away|stuck with|are we stuck|trapped|take (?:our|the) \w+ with us|leave in|(?:if|when) we (?:ever )?(?:leave|outgrow|move off|switch away|stop paying|cancel)|get (?:it|them|that|this|everything|our [\w-]+(?: [\w-]+)?) (?:back )?out|want out|depend(?:s|ent)? on (?:someone|somebody|a vendor|another company|a third party)|(?:someone|somebody) else's)\b/i,
  // Migration and adoption effort.
  /\b(?:rewrite|re-write|migration|migrate|port(?:ing)? (?:all|every)|retrain|switching cost)\b.*\b(?:months|effort|weeks|again|another|everything|all|time|cost|team)\b/i,
  /\b(?:a|another|big|full|whole|complete|major)\s+(?:\w+\s+)?(?:rewrite|re-write|rebuild|re-platform\w*)\b|\brewrit(?:e|ing)\s+(?:all|everything|every|them|those|it|our)\b|\bfrom scratch\b/i,
  /\bswitching costs?\b|\blearning curve\b|\btook (?:\w+\s+){0,5}?(?:months|weeks|quarters?|a year|years|forever|ages)\b/i,
  // Effort, capacity and operational burden: the customer's own people having to patch, learn or
  // babysit one more thing, or having no time to.
  /\b(?:we|i|my team|our team|the team|someone|somebody|my people|they)(?:'d| would| will|'ll)?\s+(?:\w+\s+)?(?:has|have|need|needs) to (?:patch|maintain|babysit|upgrade|learn|support|own|manage|rewrite|redo|re-do|migrate|retrain|monitor|operate|secure|watch|wake up|get paged|be on call)\b/i,
  /\b(?:nobody|no one|none of us)\s+(?:\w+\s+)?(?:has|have|wants?) (?:the )?(?:time|bandwidth|capacity|appetite)\b|\b(?:don't|do not|doesn't) have (?:the )?(?:time|bandwidth|capacity|people|headcount|appetite)\b/i,
  // Effort, capacity and operational burden.
  /\b(?:no (?:time|bandwidth|capacity|budget|headcount)|not enough (?:people|time|engineers))\b/i,
  /^(?!.*\b(?:sav(?:e|es|ed|ing)|less|no)\s+(?:\w+\s+){0,3}work\b).*\b(?:extra|more|a lot of|too much) work\b/i,
  /\b(?:a lot of|too much|lots of|so much) (?:friction|overhead|effort|hassle|back and forth|moving parts|babysitting)\b|\b(?:maintenance|operational) (?:headache|burden|overhead|nightmare)\b/i,
  /\b(?:one more|another|yet another|a second|a new)\s+(?:[\w-]+\s+)?(?:thing|tool|system|vendor|platform|runtime|orchestrator|framework|moving part|dependency)\s+(?:to|that|we|just|for|outside)\b/i,
  // Skeptical and what-if questions.
  /\bwhy not just\b|\bwhy (?:wouldn't|would|should|shouldn't) (?:we|i)\b|\bwhy (?:we|i) (?:need|would|should)\b|\bwhat happens (?:if|when)\b|\bhow do (?:we|I) know\b|\bhow (?:painful|hard|difficult)\b|\bdoes it (?:really|actually)\b|\bwhat (?:stops|prevents|keeps)\b|\bwhat (?:does|would) (?:this|it|that) (?:buy|give|get) us\b/i,
  /\bI don't want\b|\bwe don't want\b|\bnot (?:sure|convinced|certain)\b|\b(?:I|we)(?:'d| would) (?:need|want) to see\b|\b(?:I|we)(?:'d| would) need (?:\w+\s+){0,4}?(?:before|proof|numbers|evidence|guarantee|in writing|sign-off)\b/i,
  // Audible hesitation before an evaluation: "Hmm, that's a gap for us." (not "Hmm, I'll check").
  /^(?:hmm+|hm+)\b[,.!]?\s+(?!i'll|let me|i'd want to|we'll)\S+\s+\S+/i,
];

// Pain words that describe the customer's situation as often as a concern about us: "the
// backfills are painful" is discovery; "that's going to be painful" is a concern. They count
// only with a look ahead (a modal, a condition, the move itself) and no "today".
const WEAK_CUES =
  /\b(?:budget|bottleneck|ceiling|painful|pain|headache|nightmare|broke|breaks|broken|overhead|slow|expensive|flaky|costly|fall over|falls over|went down|stalled)\b/i;
// Looking ahead: a modal or condition, the move itself, or a past vendor or upgrade ("the last
// time we upgraded anything, it broke half our flows") that the customer expects to repeat.
// Naming the product or its hosted edition is the move itself too (the profile's names).
const PROSPECTIVE_WORDS =
  "will|won't|would|wouldn't|'ll|'d|going to|gonna|if|could|might|switch\\w*|moving|move|migrat\\w*|adopt\\w*|another|new tool|you|your|last (?:time|vendor|tool|migration|upgrade|platform)|previous (?:vendor|tool|platform)";
const prospectiveFor = memo(
  (lexicon: ObjectionLexicon): RegExp =>
    new RegExp(`\\b(?:${PROSPECTIVE_WORDS}|${lexicon.adoptionNames})\\b`, "i"),
);
const STATUS_QUO = /\b(?:today|currently|right now|at the moment|these days|at present)\b/i;

// A what-if question about a bad outcome: "If your cloud has a bad day, does our month-end
// close just stop?", "Is there any way our bill balloons if a loop kicks off ten thousand runs?"
const WHAT_IF_QUESTION =
  /^(?=.*\?\s*$)(?=.*\b(?:if|when|what if|in case|whenever|any (?:way|chance|risk))\b).*/i;
const BAD_OUTCOME =
  /\b(?:stops?|stall(?:s|ed)?|halts?|lose|loses|lost|break|breaks|fail|fails|die|dies|crash\w*|go(?:es)? down|bad (?:day|week|night|deploy|release)|balloons?|explodes?|blows? up|runs? away|piles? up|falls? behind|corrupt\w*|leak\w*|exposed?|stuck|wrong|disappear\w*|vanish\w*|double[sd]?|overrun|spirals?)\b/i;

// Asking for the floor is not a concern: "Can I ask about failures?"
const ASKING_TO_ASK = /^(?:(?:and|so|okay|ok),?\s+)?(?:can|could|may) i ask\b|^let me ask\b/i;

// A customer question about something going wrong ("What about the spikes at month end?").
const RISK_QUESTION =
  /\b(?:spikes?|peaks?|outages?|go(?:es)? down|went down|fails?|failures?|downtime|lose|losing|overload\w*|breach\w*|leak\w*|time(?:s|d)? out|timeouts?|hang|hangs|stuck|fall(?:s)? over|break|breaks|dies|die|died|crash\w*|evicted|disappears?|runaway|forever|unreachable|unavailable)\b/i;

/** The cue rules alone. */
export function isObjectionByRules(text: string, lexicon: ObjectionLexicon): boolean {
  if (ASKING_TO_ASK.test(text)) return false;
  if (WHAT_IF_QUESTION.test(text) && BAD_OUTCOME.test(text)) return true;
  if (CONCERN_CUES.some((re) => re.test(text))) return true;
  if (WEAK_CUES.test(text) && prospectiveFor(lexicon).test(text) && !STATUS_QUO.test(text)) return true;
  return /\?\s*$/.test(text) && RISK_QUESTION.test(text);
}

/**
 * Pain about the present with nothing ahead of it ("the training jobs are now the bottleneck"):
 * discovery, whatever the classifier makes of the pain word.
 */
export function describesCurrentPain(text: string, lexicon: ObjectionLexicon): boolean {
  return WEAK_CUES.test(text) && (!prospectiveFor(lexicon).test(text) || STATUS_QUO.test(text));
}

/**
 * The classifier decides, with what the cue rules and the current-pain test say among its
 * features (their weights are learned, not set); a profile without a fitted classifier has the
 * cue rules alone. Asking for the floor ("Can I ask about failures?") is never an objection.
 */
export function isObjection(text: string, lexicon: ObjectionLexicon): boolean {
  if (ASKING_TO_ASK.test(text)) return false;
  const rules = isObjectionByRules(text, lexicon);
  const model = lexicon.model();
  if (!model) return rules;
  return classifierSaysObjection(
    text,
    { rules, currentPain: describesCurrentPain(text, lexicon) },
    lexicon,
    model,
  );
}

export function findObjections(sentences: SentenceRef[], lexicon: ObjectionLexicon): ObjectionMoment[] {
  const out: (ObjectionMoment & { lastSentence: number })[] = [];
  sentences.forEach((s, i) => {
    if (s.side !== "external" || s.text.split(/\s+/).length < MIN_OBJECTION_WORDS) return;
    if (!isObjection(s.text, lexicon)) return;
    // Earlier sentences of the same turn, nearest first, give the topic when this one has none.
    const context: string[] = [];
    for (let j = i - 1; j >= 0 && sentences[j]!.utteranceIndex === s.utteranceIndex; j--)
      context.push(sentences[j]!.text);
    const objection: ObjectionMoment = {
      ...s,
      kind: "objection",
      topic: classifyObjection(s.text, lexicon, context),
    };
    // One concern said over consecutive sentences of a turn ("My bigger concern is scale. We peak
    // at forty thousand runs a day.") is one objection, reported with all its sentences.
    const last = out.at(-1);
    if (last && last.utteranceIndex === s.utteranceIndex && last.lastSentence === s.sentenceIndex - 1) {
      last.text = `${last.text} ${s.text}`;
      last.lastSentence = s.sentenceIndex;
      if (last.topic === "other") last.topic = objection.topic;
      return;
    }
    out.push({ ...objection, lastSentence: s.sentenceIndex });
  });
  return out.map(({ lastSentence: _, ...o }) => o);
}
