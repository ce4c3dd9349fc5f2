/**
 * Precision first: a verdict is said only when its calibrated probability clears the threshold
 * chosen on training data for precision ≥ 0.9 out of fold (on the labeled dev calls, in each set
 * of them; `npm run train:judge`). A verdict for which no threshold reaches that precision is
 * never said (its threshold is 1 in the model). Anything less is "unverifiable", shown
 * with the passage the rep should check. A false "contradicted" costs the rep's trust, a false
 * "supported" lets a wrong statement stand: both bars are set the same way.
 */
import type { Verdict } from "../model/report.js";
import type { Probabilities } from "./model.js";

export interface Decision {
  verdict: Verdict;
  /** The probability that the verdict shown is right. */
  confidence: number;
  /** The decided verdict would have been this one with a lower bar (for "check this" and the LLM). */
  leaning: Verdict;
}

export function decide(p: Probabilities, thresholds: { supported: number; contradicted: number }): Decision {
  const leaning: Verdict =
    p.contradicted >= p.supported && p.contradicted >= p.unverifiable
      ? "contradicted"
      : p.supported >= p.unverifiable
        ? "supported"
        : "unverifiable";
  // A threshold of 1 means no bar reached the precision target: never said, even when a probability
  // rounds to exactly 1.
  if (
    thresholds.contradicted < 1 &&
    p.contradicted >= thresholds.contradicted &&
    p.contradicted >= p.supported
  )
    return { verdict: "contradicted", confidence: p.contradicted, leaning };
  if (thresholds.supported < 1 && p.supported >= thresholds.supported && p.supported > p.contradicted)
    return { verdict: "supported", confidence: p.supported, leaning };
  return { verdict: "unverifiable", confidence: p.unverifiable, leaning };
}
