/**
 * Labeled calls in ../shared/eval's format (`*.labels.json` beside their transcript): the label
 * file's shape, and the call's spoken text as the product's own parser reads it. Shared by the
 * judge's training data (the dev calls) and the data-tier checks of the held-out calls.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Verdict } from "../src/model/report.js";
import { parseTranscriptFile } from "../src/parse/index.js";

export interface EvalCallLabels {
  call: string;
  internal_speakers: string[];
  claims: {
    id: string;
    quote: string;
    verdict?: Verdict;
    docs?: string[];
    evidence?: string;
    correction?: string;
  }[];
  objections?: { quote: string; topic: string }[];
  competitors?: { name: string; quote: string }[];
  non_claims?: string[];
}

/** The `*.labels.json` files of a folder, sorted. */
export function labelFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((n) => n.endsWith(".labels.json"))
    .sort();
}

export function readEvalLabels(file: string): EvalCallLabels {
  return JSON.parse(readFileSync(file, "utf8")) as EvalCallLabels;
}

/** The call's utterances, parsed from the transcript the labels name (in the labels' folder). */
export async function labeledUtterances(dir: string, labels: EvalCallLabels) {
  const call = await parseTranscriptFile(join(dir, labels.call), { internal: labels.internal_speakers });
  return call.utterances;
}
