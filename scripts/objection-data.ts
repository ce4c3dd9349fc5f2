/**
 * The labeled sentences the objection classifier learns from: every sentence spoken by an external
 * speaker in the labeled calls, positive when it contains a labeled objection quote.
 *
 * Sources:
 * - test/fixtures/eval-dev and eval-dev-2: calls in the eval format, whose labels list each call's
 *   objections (the shared public calls and the held-out calls are left out: they measure, they
 *   do not teach);
 * - test/fixtures/labels with their transcripts: exhaustive labels; sentences listed as
 *   `ambiguous` objections are left out rather than counted either way.
 * - eval/objections/data/sentences.jsonl: prospect sentences written to teach the difference between
 *   a concern and a pain point, a discovery answer, a company fact, a neutral question, agreement
 *   or small talk (see eval/objections/README.md); cross-validation folds are fifths of it.
 * Matching follows the eval's rule on normalized text: a sentence is positive when it contains
 * the quote, or the quote contains it and it is at least half as long.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ObjectionTopic } from "../src/model/moments.js";
import { loadLabeledCalls } from "./labeled-call-sentences.js";
import { matchesQuote } from "./quote-match.js";

export interface LabeledSentence {
  /** The call the sentence comes from (cross-validation folds are whole calls). */
  call: string;
  text: string;
  /** Earlier sentences of the same turn, nearest first. */
  context: string[];
  objection: boolean;
  /** The labeled topic of a positive sentence. */
  topic?: ObjectionTopic;
}

const ROOT = join(import.meta.dirname, "..");

const SENTENCE_CORPUS = join(ROOT, "eval", "objections", "data", "sentences.jsonl");
const SENTENCE_FOLDS = 5;

export async function loadLabeledSentences(): Promise<LabeledSentence[]> {
  const out: LabeledSentence[] = [];
  readFileSync(SENTENCE_CORPUS, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .forEach((line, i) => {
      const r = JSON.parse(line) as { text: string; label: string; topic: ObjectionTopic | null };
      out.push({
        call: `sentences/${i % SENTENCE_FOLDS}`,
        text: r.text,
        context: [],
        objection: r.label === "objection",
        ...(r.topic ? { topic: r.topic } : {}),
      });
    });
  for (const { name, labels, sentences } of await loadLabeledCalls()) {
    const ambiguous = (labels.ambiguous ?? []).filter((a) => a.kind === "objection").map((a) => a.quote);
    sentences.forEach((s, i) => {
      if (s.side !== "external") return;
      const label = labels.objections.find((o) => matchesQuote(s.text, o.quote));
      if (!label && ambiguous.some((q) => matchesQuote(s.text, q))) return;
      const context: string[] = [];
      for (let j = i - 1; j >= 0 && sentences[j]!.utteranceIndex === s.utteranceIndex; j--)
        context.push(sentences[j]!.text);
      out.push({
        call: name,
        text: s.text,
        context,
        objection: Boolean(label),
        ...(label ? { topic: label.topic as ObjectionTopic } : {}),
      });
    });
    const missing = labels.objections.filter((o) => !sentences.some((s) => matchesQuote(s.text, o.quote)));
    if (missing.length) throw new Error(`${name}: objection quote not in any sentence: ${missing[0]!.quote}`);
  }
  return out;
}
