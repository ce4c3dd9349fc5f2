/**
 * `call-coach eval DIR`: every labeled call in a folder (the shared `eval/` format: `*.labels.json`
 * beside its transcript) analyzed with whatever is configured (knowledge mode, LLM), then scored.
 * So a user with a key, an MCP server or their own docs can measure their own setup.
 */
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors.js";
import type { Call } from "../model/call.js";
import type { Report } from "../model/report.js";
import { parseTranscriptFile } from "../parse/index.js";
import { type CallLabels, labelsSchema, type Score, scoreReports } from "./score.js";

export interface LabeledCallResult {
  labels: CallLabels;
  report: Report | null;
  error: string | null;
}

export async function readLabels(dir: string): Promise<{ file: string; labels: CallLabels }[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(".labels.json")).sort();
  } catch {
    throw new InputError("not a readable folder", { file: dir });
  }
  if (!names.length) throw new InputError("no *.labels.json files in the folder", { file: dir });
  const out: { file: string; labels: CallLabels }[] = [];
  for (const name of names) {
    const file = join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(await readFile(file, "utf8"));
    } catch (err) {
      throw new InputError(`invalid JSON: ${(err as Error).message}`, { file });
    }
    const parsed = labelsSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new InputError(`labels: ${issue.message}`, { file, field: issue.path.join(".") });
    }
    out.push({ file, labels: parsed.data });
  }
  return out;
}

export async function evaluateLabeledCalls(
  dir: string,
  /** The one analysis path (service/analyze-files.ts), so eval scores what `analyze` reports. */
  analyze: (call: Call) => Promise<Report>,
  onCall?: (done: number, total: number) => void,
): Promise<{ results: LabeledCallResult[]; score: Score }> {
  const labeled = await readLabels(dir);
  const results: LabeledCallResult[] = [];
  for (const { labels } of labeled) {
    try {
      const call = await parseTranscriptFile(join(dir, labels.call), { internal: labels.internal_speakers });
      const report = await analyze(call);
      results.push({ labels, report, error: null });
    } catch (err) {
      // One bad call is a miss in the figures, not the end of the evaluation.
      results.push({ labels, report: null, error: (err as Error).message });
    }
    onCall?.(results.length, labeled.length);
  }
  return { results, score: scoreReports(results) };
}
