/**
 * Labeled calls in ../shared/eval's format (`*.labels.json` beside their transcript): the label
 * file's shape, and the call's spoken text as the product's own parser reads it. Shared by the
 * judge's training data (the dev calls) and the data-tier checks of the held-out calls.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Verdict } from "../src/model/report.js";
import { parseTranscriptFile } from "../src/parse/index.js";

/**
 * The folders of dev calls in this format (test/fixtures): eval-dev, written by the sessions that
 * built the judge, and eval-dev-2, by helper sessions that never saw its code (q01–q06: the
 * held-out calls of 2026-12-03, made a dev set when their misses were read; q13–q18: written as
 * dev calls the same day). `groups`: how many writer groups a set's calls fall into (by a hash of
 * the call) for cross-validation that holds out whole writers. The judge and the objection
 * classifier train on them; the moment-detection test scores them.
 */
export const DEV_CALL_SETS = [
  { name: "eval-dev", groups: 3 },
  { name: "eval-dev-2", groups: 4 },
].map((s) => ({ ...s, dir: join(import.meta.dirname, "..", "test", "fixtures", s.name) }));
export const DEV_CALL_DIRS = DEV_CALL_SETS.map((s) => s.dir);

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
