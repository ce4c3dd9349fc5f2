/** Next steps: commitments and scheduling that move the deal forward, by either side. */
import type { NextStepMoment } from "../../model/moments.js";
import { isQuestion } from "../questions.js";
import type { SentenceRef } from "./sentences.js";

const COMMITMENT =
  /\b(?:i'll|i will|we'll|we will|let's|let me|i can|we can|i'm going to|we're going to)\s+(?:\w+\s+){0,3}?(?:send|share|set up|schedule|book|follow up|put together|get you|loop in|invite|circle back|write up|draft|introduce|spin up|arrange|confirm)\b/i;
const SCHEDULING =
  /\b(?:next steps?|follow[- ]up|next (?:week|call|meeting)|by (?:monday|tuesday|wednesday|thursday|friday|end of (?:the )?(?:week|month|day))|proof of concept|\bpoc\b|trial|pilot|sandbox|workshop)\b/i;

export function findNextSteps(sentences: SentenceRef[]): NextStepMoment[] {
  const out: NextStepMoment[] = [];
  for (const s of sentences) {
    if (s.side === "unknown") continue;
    const commits = COMMITMENT.test(s.text);
    if (commits || (SCHEDULING.test(s.text) && !isQuestion(s.text))) out.push({ ...s, kind: "next_step" });
  }
  return out;
}
