/**
 * The labeled sentences the objection classifier learns from: every sentence spoken by an external
 * speaker in the labeled calls, positive when it contains a labeled objection quote.
 *
 * Sources (read at training time, never copied into the repo):
 * - ../shared/eval/calls, test/fixtures/eval-holdout, test/fixtures/eval-dev: calls in the eval
 *   format, whose labels list each call's objections;
 * - test/fixtures/labels with their transcripts: exhaustive labels; sentences listed as
 *   `ambiguous` objections are left out rather than counted either way.
 * Matching follows the eval's rule on normalized text: a sentence is positive when it contains
 * the quote, or the quote contains it and it is at least half as long.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { sentencesOf } from "../src/analyze/moments/sentences.js";
import type { ObjectionTopic } from "../src/model/moments.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { matchesQuote } from "./quote-match.js";
import { SHARED_EVAL_CALLS } from "./shared-data.js";

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

interface Labels {
  call: string;
  internal_speakers: string[];
  objections: { quote: string; topic: ObjectionTopic }[];
  ambiguous?: { kind: string; quote: string }[];
}

const ROOT = join(import.meta.dirname, "..");
const FIXTURES = join(ROOT, "test", "fixtures");
export const SHARED_EVAL = SHARED_EVAL_CALLS;

/** The folders of labeled calls, each with where its transcripts are. */
export const SOURCES: { name: string; labels: string; transcripts: string }[] = [
  { name: "shared-eval", labels: SHARED_EVAL, transcripts: SHARED_EVAL },
  {
    name: "eval-holdout",
    labels: join(FIXTURES, "eval-holdout"),
    transcripts: join(FIXTURES, "eval-holdout"),
  },
  { name: "eval-dev", labels: join(FIXTURES, "eval-dev"), transcripts: join(FIXTURES, "eval-dev") },
  { name: "fixtures", labels: join(FIXTURES, "labels"), transcripts: join(FIXTURES, "transcripts") },
];

export async function loadLabeledSentences(): Promise<LabeledSentence[]> {
  const out: LabeledSentence[] = [];
  for (const source of SOURCES) {
    if (!existsSync(source.labels)) throw new Error(`labeled calls not found: ${source.labels}`);
    const files = readdirSync(source.labels)
      .filter((f) => f.endsWith(".labels.json"))
      .sort();
    for (const f of files) {
      const labels = JSON.parse(readFileSync(join(source.labels, f), "utf8")) as Labels;
      const call = await parseTranscriptFile(join(source.transcripts, labels.call), {
        internal: labels.internal_speakers,
      });
      const sentences = sentencesOf(call);
      const ambiguous = (labels.ambiguous ?? []).filter((a) => a.kind === "objection").map((a) => a.quote);
      const name = `${source.name}/${f.replace(/\.labels\.json$/, "")}`;
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
          ...(label ? { topic: label.topic } : {}),
        });
      });
      const missing = labels.objections.filter((o) => !sentences.some((s) => matchesQuote(s.text, o.quote)));
      if (missing.length)
        throw new Error(`${name}: objection quote not in any sentence: ${missing[0]!.quote}`);
    }
  }
  return out;
}
