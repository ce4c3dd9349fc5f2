/**
 * Trains the objection classifier and writes src/analyze/moments/objection-model.ts.
 *
 * Data: every external sentence of the labeled calls (scripts/objection-data.ts). Model: L2
 * logistic regression (scripts/logistic-regression.ts) over the features of
 * src/analyze/moments/objection-features.ts that occur in at least two training sentences.
 * Threshold: chosen by leave-one-call-out cross-validation — the highest probability at which the
 * model alone still finds TARGET_RECALL of the objections in calls it was not trained on. The
 * detector reports a sentence when the rules or the model say so; the CV figures of rules, model
 * and both are written into the model file (`cv`) and the README.
 *   node --import tsx scripts/train-objection-model.ts           (writes the file)
 *   node --import tsx scripts/train-objection-model.ts --check   (exit 1 when stale)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { objectionFeatures } from "../src/analyze/moments/objection-features.js";
import {
  describesCurrentPain,
  isObjectionByRules,
  MIN_OBJECTION_WORDS,
} from "../src/analyze/moments/objections.js";
import { trainLogisticRegression } from "./logistic-regression.js";
import { type LabeledSentence, loadLabeledSentences } from "./objection-data.js";

export const L2 = 1;
export const POSITIVE_WEIGHT = 3;
export const MIN_FEATURE_COUNT = 2;
export const TARGET_RECALL = 0.85;
const TRAIN = { l2: L2, positiveWeight: POSITIVE_WEIGHT, maxIterations: 5000, tolerance: 1e-10 };

export const OUT = join(import.meta.dirname, "..", "src", "analyze", "moments", "objection-model.ts");

export interface Example extends LabeledSentence {
  features: string[];
  /** The cue rules report it. */
  rules: boolean;
  /** Pain about the present only: the classifier's call does not count (see objections.ts). */
  currentPain: boolean;
}

export interface Fitted {
  weights: Map<string, number>;
  bias: number;
}

export interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

export interface CvFigures {
  calls: number;
  sentences: number;
  objections: number;
  rules: Counts;
  model: Counts;
  combined: Counts;
}

/** The sentences the detector looks at (external, long enough), with their features. */
export async function loadExamples(): Promise<Example[]> {
  return (await loadLabeledSentences())
    .filter((s) => s.text.split(/\s+/).length >= MIN_OBJECTION_WORDS)
    .map((s) => ({
      ...s,
      features: objectionFeatures(s.text),
      rules: isObjectionByRules(s.text),
      currentPain: describesCurrentPain(s.text),
    }));
}

export function fit(examples: Example[]): Fitted {
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(([, n]) => n >= MIN_FEATURE_COUNT)
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i] as const));
  const encoded = examples.map((e) => ({
    features: e.features.filter((f) => index.has(f)).map((f) => index.get(f)!),
    label: (e.objection ? 1 : 0) as 0 | 1,
  }));
  const model = trainLogisticRegression(encoded, vocabulary.length, TRAIN);
  return { weights: new Map(vocabulary.map((f, i) => [f, model.weights[i]!])), bias: model.bias };
}

export function probability(model: Fitted, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** Leave-one-call-out: each sentence's probability from a model trained without its call. */
export function crossValidate(examples: Example[]): number[] {
  const out = new Array<number>(examples.length).fill(0);
  for (const call of new Set(examples.map((e) => e.call))) {
    const model = fit(examples.filter((e) => e.call !== call));
    examples.forEach((e, i) => {
      if (e.call === call) out[i] = probability(model, e.features);
    });
  }
  return out;
}

export function count(examples: Example[], says: (e: Example, i: number) => boolean): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  examples.forEach((e, i) => {
    const yes = says(e, i);
    if (yes && e.objection) c.tp++;
    else if (yes) c.fp++;
    else if (e.objection) c.fn++;
  });
  return c;
}

export const recallOf = (c: Counts) => c.tp / (c.tp + c.fn || 1);
export const precisionOf = (c: Counts) => c.tp / (c.tp + c.fp || 1);

/** The classifier's part of the detector's decision at threshold t (objections.ts). */
export const modelSays = (e: Example, p: number, t: number) => !e.currentPain && p >= t;

/** The highest threshold (in hundredths) at which the classifier alone keeps TARGET_RECALL in CV. */
export function chooseThreshold(examples: Example[], cv: number[]): number {
  for (let h = 99; h > 0; h--) {
    const t = h / 100;
    if (recallOf(count(examples, (_, i) => cv[i]! >= t)) >= TARGET_RECALL) return t;
  }
  return 0.01;
}

export interface TrainedModel {
  threshold: number;
  bias: number;
  weights: [string, number][];
  cv: CvFigures;
}

export function train(examples: Example[]): TrainedModel {
  const cv = crossValidate(examples);
  const threshold = chooseThreshold(examples, cv);
  const model = fit(examples);
  const round = (x: number) => Math.round(x * 1e4) / 1e4 || 0;
  return {
    threshold,
    bias: round(model.bias),
    weights: [...model.weights]
      .map(([f, w]) => [f, round(w)] as [string, number])
      .filter(([, w]) => w !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    cv: {
      calls: new Set(examples.map((e) => e.call)).size,
      sentences: examples.length,
      objections: examples.filter((e) => e.objection).length,
      rules: count(examples, (e) => e.rules),
      model: count(examples, (_, i) => cv[i]! >= threshold),
      combined: count(examples, (e, i) => e.rules || modelSays(e, cv[i]!, threshold)),
    },
  };
}

export function render(m: TrainedModel): string {
  const c = (x: Counts) => `{ tp: ${x.tp}, fp: ${x.fp}, fn: ${x.fn} }`;
  return `/**
 * Weights of the objection classifier, trained by scripts/train-objection-model.ts on the external
 * sentences of the labeled calls. \`cv\` holds the leave-one-call-out counts at \`threshold\` (the
 * rules were tuned on these calls, so theirs are training-set figures). Generated; do not edit by
 * hand.
 */
import type { ObjectionModel } from "./objection-classifier.js";

export const OBJECTION_MODEL: ObjectionModel = {
  threshold: ${m.threshold},
  bias: ${m.bias},
  cv: {
    calls: ${m.cv.calls},
    sentences: ${m.cv.sentences},
    objections: ${m.cv.objections},
    rules: ${c(m.cv.rules)},
    model: ${c(m.cv.model)},
    combined: ${c(m.cv.combined)},
  },
  weights: {
${m.weights.map(([f, w]) => `    ${JSON.stringify(f)}: ${w},`).join("\n")}
  },
};
`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  const trained = train(await loadExamples());
  const rendered = render(trained);
  const pct = (x: number) => x.toFixed(3);
  for (const k of ["rules", "model", "combined"] as const)
    console.log(
      `${k.padEnd(8)} recall ${pct(recallOf(trained.cv[k]))} precision ${pct(precisionOf(trained.cv[k]))}`,
    );
  console.log(`threshold ${trained.threshold}, ${trained.weights.length} weights`);
  if (check) {
    const same = readFileSync(OUT, "utf8") === rendered;
    console.log(same ? "objection-model.ts is up to date" : "objection-model.ts is stale: run the script");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, rendered);
  console.log(`wrote ${OUT}`);
}
