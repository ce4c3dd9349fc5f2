/**
 * The labeled calls the sentence classifiers learn from, as the product's own parser and sentence
 * splitter read them: the dev calls in ../shared/eval's format (test/fixtures/eval-dev and
 * eval-dev-2) and the exhaustively labeled fixture calls (test/fixtures/labels with their
 * transcripts). The shared public calls and the held-out calls are not among them: they measure,
 * they do not teach. Shared by the objection classifier's data and the claim classifier's.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { type SentenceRef, sentencesOf } from "../src/analyze/moments/sentences.js";
import { parseTranscriptFile } from "../src/parse/index.js";
import { DEV_CALL_SETS } from "./eval-labels.js";

export interface CallLabels {
  call: string;
  internal_speakers: string[];
  claims: { quote: string }[];
  objections: { quote: string; topic: string }[];
  non_claims?: string[];
  /** Sentences a careful reader could label either way (fixture calls only). */
  ambiguous?: { kind: string; quote: string }[];
}

export interface LabeledCall {
  /** `<source>/<call>`: cross-validation folds are whole calls. */
  name: string;
  labels: CallLabels;
  sentences: SentenceRef[];
}

const FIXTURES = join(import.meta.dirname, "..", "test", "fixtures");

/** The folders of labeled calls, each with where its transcripts are. */
export const SOURCES: { name: string; labels: string; transcripts: string }[] = [
  ...DEV_CALL_SETS.map((s) => ({ name: s.name, labels: s.dir, transcripts: s.dir })),
  { name: "fixtures", labels: join(FIXTURES, "labels"), transcripts: join(FIXTURES, "transcripts") },
];

export async function loadLabeledCalls(): Promise<LabeledCall[]> {
  const out: LabeledCall[] = [];
  for (const source of SOURCES) {
    if (!existsSync(source.labels)) throw new Error(`labeled calls not found: ${source.labels}`);
    const files = readdirSync(source.labels)
      .filter((f) => f.endsWith(".labels.json"))
      .sort();
    for (const f of files) {
      const labels = JSON.parse(readFileSync(join(source.labels, f), "utf8")) as CallLabels;
      const call = await parseTranscriptFile(join(source.transcripts, labels.call), {
        internal: labels.internal_speakers,
      });
      out.push({
        name: `${source.name}/${f.replace(/\.labels\.json$/, "")}`,
        labels,
        sentences: sentencesOf(call),
      });
    }
  }
  return out;
}
