/**
 * The labeled sentences the claim classifier learns from.
 *
 * - Every sentence of at least MIN_WORDS words spoken by an internal speaker in the labeled calls
 *   (scripts/labeled-call-sentences.ts): positive when it contains a labeled claim quote (the
 *   eval's matching rule), negative otherwise. The eval-format labels leave small talk unlabeled
 *   on purpose and the fixture labels are exhaustive, so an unmatched sentence is not a claim;
 *   sentences the fixture labels list as `ambiguous` claims are left out.
 * - The claim corpus's spoken claims (eval/claims/data, written from 347 docs pages): positives
 *   only, in the way reps speak about pages no call touches. They teach the product's breadth;
 *   the calls decide (figures and thresholds are read on the calls alone).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MIN_WORDS } from "../src/analyze/moments/claim-rules.js";
import { contextOf } from "../src/analyze/moments/claims.js";
import { isQuestion } from "../src/analyze/questions.js";
import { loadLabeledCalls } from "./labeled-call-sentences.js";
import { matchesQuote } from "./quote-match.js";

export interface ClaimSentence {
  /** `<source>/<call>`, or `corpus/<file>` for a written claim. */
  call: string;
  text: string;
  /** The sentences just before, nearest first (any speaker). */
  context: string[];
  afterQuestion: boolean;
  claim: boolean;
}

const CORPUS = join(import.meta.dirname, "..", "eval", "claims", "data");

export const isCorpus = (s: { call: string }) => s.call.startsWith("corpus/");

export async function loadClaimSentences(): Promise<ClaimSentence[]> {
  const out: ClaimSentence[] = [];
  for (const { name, labels, sentences } of await loadLabeledCalls()) {
    const ambiguous = (labels.ambiguous ?? []).filter((a) => a.kind === "claim").map((a) => a.quote);
    sentences.forEach((s, i) => {
      if (s.side !== "internal" || s.text.trim().split(/\s+/).length < MIN_WORDS) return;
      const claim = labels.claims.some((c) => matchesQuote(s.text, c.quote));
      if (!claim && ambiguous.some((q) => matchesQuote(s.text, q))) return;
      const context = contextOf(sentences, i);
      out.push({ call: name, text: s.text, context, afterQuestion: isQuestion(context[0] ?? ""), claim });
    });
    const missing = labels.claims.filter((c) => !sentences.some((s) => matchesQuote(s.text, c.quote)));
    if (missing.length) throw new Error(`${name}: claim quote not in any sentence: ${missing[0]!.quote}`);
  }
  for (const f of readdirSync(CORPUS)
    .filter((n) => n.endsWith(".jsonl"))
    .sort())
    for (const line of readFileSync(join(CORPUS, f), "utf8").split("\n")) {
      if (!line.trim()) continue;
      const { text } = JSON.parse(line) as { text: string };
      out.push({
        call: `corpus/${f.replace(/\.jsonl$/, "")}`,
        text,
        context: [],
        afterQuestion: false,
        claim: true,
      });
    }
  return out;
}
