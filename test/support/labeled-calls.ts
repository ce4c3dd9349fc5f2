/**
 * Scores moment detection against hand-labeled calls (test/fixtures/labels/*.labels.json).
 * Labels are exhaustive: every product claim by the team, every objection by the customer and
 * every competitor mention is listed, so anything else the detector reports is a false positive.
 * Sentences a careful reader could label either way are listed under `ambiguous` and count
 * neither as a miss nor as a false positive.
 *
 * Matching follows ../shared/eval's rule on normalized text (lower case, punctuation removed):
 * a label is found when a reported sentence contains its quote, or the quote contains the
 * sentence and the sentence is at least half as long.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { matchesQuote } from "../../scripts/quote-match.js";
import { analyzeConversation } from "../../src/analyze/index.js";
import type { CallAnalysis } from "../../src/model/moments.js";
import { parseTranscriptFile } from "../../src/parse/index.js";
import { defaultProductProfile } from "../../src/product/default.js";

export interface CallLabels {
  call: string;
  format: string;
  internal_speakers: string[];
  claims: { speaker: string; quote: string }[];
  objections: { speaker: string; quote: string; topic: string }[];
  competitors: { speaker: string; name: string; quote: string }[];
  ambiguous?: { kind: "claim" | "objection"; quote: string }[];
}

export interface Tally {
  labeled: number;
  found: number;
  reported: number;
  correct: number;
  misses: string[];
  falsePositives: string[];
}

export interface Score {
  claims: Tally;
  objections: Tally;
  competitors: Tally;
  objectionTopicsRight: number;
}

export const FIXTURES = join(import.meta.dirname, "..", "fixtures");

export function loadLabels(names?: string[]): { name: string; labels: CallLabels }[] {
  const dir = join(FIXTURES, "labels");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".labels.json"))
    .map((f) => ({ name: f.replace(/\.labels\.json$/, ""), file: f }))
    .filter((x) => !names || names.includes(x.name))
    .map((x) => ({
      name: x.name,
      labels: JSON.parse(readFileSync(join(dir, x.file), "utf8")) as CallLabels,
    }));
}

function tally<L, R extends { text: string }>(
  labels: L[],
  reported: R[],
  quoteOf: (l: L) => string,
  same: (l: L, r: R) => boolean,
  ambiguous: string[],
): Tally {
  const t: Tally = {
    labeled: labels.length,
    found: 0,
    reported: 0,
    correct: 0,
    misses: [],
    falsePositives: [],
  };
  for (const l of labels) {
    if (reported.some((r) => same(l, r) && matchesQuote(r.text, quoteOf(l)))) t.found++;
    else t.misses.push(quoteOf(l));
  }
  for (const r of reported) {
    const hit = labels.some((l) => same(l, r) && matchesQuote(r.text, quoteOf(l)));
    if (!hit && ambiguous.some((q) => matchesQuote(r.text, q))) continue;
    t.reported++;
    if (hit) t.correct++;
    else t.falsePositives.push(r.text);
  }
  return t;
}

export async function scoreCall(
  transcriptPath: string,
  labels: CallLabels,
): Promise<{ score: Score; analysis: CallAnalysis }> {
  const call = await parseTranscriptFile(transcriptPath, { internal: labels.internal_speakers });
  const analysis = analyzeConversation(call, { profile: defaultProductProfile() });
  const amb = (kind: string) => (labels.ambiguous ?? []).filter((a) => a.kind === kind).map((a) => a.quote);
  const any = () => true;
  const claims = tally(labels.claims, analysis.claims, (l) => l.quote, any, amb("claim"));
  const objections = tally(labels.objections, analysis.objections, (l) => l.quote, any, amb("objection"));
  const competitors = tally(
    labels.competitors,
    analysis.competitors,
    (l) => l.quote,
    // Labels name a managed offering by its base ("Airflow" for MWAA), as the shared scorer
    // does: the reported name contains the labeled one ("Amazon MWAA (managed Airflow)").
    (l, r) => r.competitor.toLowerCase().includes(l.name.toLowerCase()),
    [],
  );
  const objectionTopicsRight = labels.objections.filter((l) =>
    analysis.objections.some((o) => matchesQuote(o.text, l.quote) && o.topic === l.topic),
  ).length;
  return { score: { claims, objections, competitors, objectionTopicsRight }, analysis };
}

export function sumTallies(tallies: Tally[]): Tally {
  return tallies.reduce(
    (a, t) => ({
      labeled: a.labeled + t.labeled,
      found: a.found + t.found,
      reported: a.reported + t.reported,
      correct: a.correct + t.correct,
      misses: [...a.misses, ...t.misses],
      falsePositives: [...a.falsePositives, ...t.falsePositives],
    }),
    { labeled: 0, found: 0, reported: 0, correct: 0, misses: [], falsePositives: [] },
  );
}

export const recall = (t: Tally) => (t.labeled ? t.found / t.labeled : 1);
export const precision = (t: Tally) => (t.reported ? t.correct / t.reported : 1);
