/**
 * Trains the objection classifier and writes src/analyze/moments/objection-model.ts.
 *
 * Data: every external sentence of the labeled calls (scripts/objection-data.ts). Model: L2
 * logistic regression (scripts/logistic-regression.ts) over the features of
 * src/analyze/moments/objection-features.ts that occur in at least two training sentences.
 * Threshold: chosen by leave-one-call-out cross-validation — the probability at which the model
 * is most right on calls it was not trained on (F1 of found and flagged objections). The
 * detector reports a sentence when the rules or the model say so; the CV figures of rules, model
 * and both are written into the model file (`cv`) and the README.
 *   node --import tsx scripts/train-objection-model.ts           (writes the file)
 *   node --import tsx scripts/train-objection-model.ts --check   (exit 1 when stale)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { stemmer } from "stemmer";
import { objectionFeatures } from "../src/analyze/moments/objection-features.js";
import { objectionLexicon } from "../src/analyze/moments/objection-lexicon.js";
import {
  describesCurrentPain,
  isObjectionByRules,
  MIN_OBJECTION_WORDS,
} from "../src/analyze/moments/objections.js";
import { defaultProductProfile } from "../src/product/default.js";
import { trainLogisticRegression } from "./logistic-regression.js";
import { type LabeledSentence, loadLabeledSentences } from "./objection-data.js";

export const L2 = 1;
export const POSITIVE_WEIGHT = 3;
export const MIN_FEATURE_COUNT = 2;
/** Below this out-of-fold recall on the labeled calls a threshold is not considered at all. */
export const MIN_RECALL = 0.75;
const TRAIN = { l2: L2, positiveWeight: POSITIVE_WEIGHT, maxIterations: 5000, tolerance: 1e-10 };

export const OUT = join(import.meta.dirname, "..", "products", "prefect", "models", "objection-model.json");

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
  const lexicon = objectionLexicon(defaultProductProfile());
  return (await loadLabeledSentences())
    .filter((s) => s.text.split(/\s+/).length >= MIN_OBJECTION_WORDS)
    .map((s) => ({
      ...s,
      features: objectionFeatures(
        s.text,
        {
          rules: isObjectionByRules(s.text, lexicon),
          currentPain: describesCurrentPain(s.text, lexicon),
        },
        lexicon,
      ),
      rules: isObjectionByRules(s.text, lexicon),
      currentPain: describesCurrentPain(s.text, lexicon),
    }));
}

/**
 * Stems of words the training sentences only ever spell capitalized: names (a person addressed at
 * the start of a sentence, "Felix, …", escapes the in-sentence mask). Features naming them are
 * left out, so no weight is about a person or a company.
 */
export function nameStems(examples: readonly { text: string }[]): Set<string> {
  const capitalized = new Set<string>();
  const lower = new Set<string>();
  for (const e of examples)
    for (const w of e.text.match(/\p{L}[\p{L}'’-]*/gu) ?? []) {
      if (/^\p{Lu}/u.test(w)) capitalized.add(w.toLowerCase());
      else lower.add(w.toLowerCase());
    }
  return new Set([...capitalized].filter((w) => !lower.has(w) && w !== "i").map((w) => stemmer(w)));
}

export function fit(examples: Example[]): Fitted {
  const names = nameStems(examples);
  const counts = new Map<string, number>();
  for (const e of examples) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(
      ([f]) =>
        !f
          .slice(2)
          .split(" ")
          .some((part) => names.has(part)),
    )
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

/** A detector's hits, false alarms and misses; `positive` says which examples are labeled so. */
export function countBy<T>(
  examples: readonly T[],
  positive: (e: T) => boolean,
  says: (e: T, i: number) => boolean,
): Counts {
  const c = { tp: 0, fp: 0, fn: 0 };
  examples.forEach((e, i) => {
    const yes = says(e, i);
    if (yes && positive(e)) c.tp++;
    else if (yes) c.fp++;
    else if (positive(e)) c.fn++;
  });
  return c;
}

export const count = (examples: Example[], says: (e: Example, i: number) => boolean): Counts =>
  countBy(examples, (e) => e.objection, says);

export const recallOf = (c: Counts) => c.tp / (c.tp + c.fn || 1);
export const precisionOf = (c: Counts) => c.tp / (c.tp + c.fp || 1);

/** The detector's decision at threshold t (objections.ts): the classifier alone. */
export const modelSays = (_e: Example, p: number, t: number) => p >= t;

/** The labeled calls' sentences with their out-of-fold probabilities (the written ones only teach). */
const labeledCalls = (examples: Example[], cv: number[]) =>
  examples.map((e, i) => ({ e, p: cv[i]! })).filter(({ e }) => !e.call.startsWith("sentences/"));

/** The recall a borrowing profile's threshold keeps (`recallThreshold`). */
export const BORROWED_RECALL = 0.85;

export const f1Of = (c: Counts) => (2 * c.tp) / (2 * c.tp + c.fp + c.fn || 1);

/**
 * The threshold (in hundredths) with the best F1 on the labeled calls' sentences out of fold (the
 * written sentences teach; the calls decide), the higher one on a tie, among those that keep
 * MIN_RECALL. Precision counts as much as recall: a report that flags every worried sentence
 * buries the objections a rep must answer (choosing the highest threshold that kept 85% recall
 * flagged 1.7 sentences per labeled objection on calls the model never saw).
 */
export function chooseThreshold(examples: Example[], cv: number[]): number {
  const calls = labeledCalls(examples, cv);
  let best = { t: 0.5, f1: -1 };
  for (let h = 99; h > 0; h--) {
    const t = h / 100;
    const c = count(
      calls.map((x) => x.e),
      (_, i) => calls[i]!.p >= t,
    );
    if (recallOf(c) >= MIN_RECALL && f1Of(c) > best.f1 + 1e-12) best = { t, f1: f1Of(c) };
  }
  return best.t;
}

/**
 * The highest threshold (in hundredths) that still finds BORROWED_RECALL of the labeled calls'
 * objections out of fold: for profiles that borrow this model, whose calls it ranks less sharply.
 */
export function chooseRecallThreshold(examples: Example[], cv: number[]): number {
  const calls = labeledCalls(examples, cv);
  for (let h = 99; h > 0; h--) {
    const t = h / 100;
    const c = count(
      calls.map((x) => x.e),
      (_, i) => calls[i]!.p >= t,
    );
    if (recallOf(c) >= BORROWED_RECALL) return t;
  }
  return 0.01;
}

export interface TrainedModel {
  threshold: number;
  recallThreshold: number;
  bias: number;
  weights: [string, number][];
  cv: CvFigures;
}

/** The fitted weights as stored: rounded to 4 decimals, zeros dropped, sorted by feature. */
export function stored(model: Fitted): Pick<TrainedModel, "bias" | "weights"> {
  const round = (x: number) => Math.round(x * 1e4) / 1e4 || 0;
  return {
    bias: round(model.bias),
    weights: [...model.weights]
      .map(([f, w]) => [f, round(w)] as [string, number])
      .filter(([, w]) => w !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  };
}

export function train(examples: Example[]): TrainedModel {
  const cv = crossValidate(examples);
  const threshold = chooseThreshold(examples, cv);
  return {
    threshold,
    recallThreshold: chooseRecallThreshold(examples, cv),
    ...stored(fit(examples)),
    // Out-of-fold figures on the labeled calls' sentences (the written corpus only teaches).
    cv: (() => {
      const calls = labeledCalls(examples, cv);
      const es = calls.map((x) => x.e);
      return {
        calls: new Set(es.map((e) => e.call)).size,
        sentences: es.length,
        objections: es.filter((e) => e.objection).length,
        rules: count(es, (e) => e.rules),
        model: count(es, (_, i) => calls[i]!.p >= threshold),
        combined: count(es, (e, i) => modelSays(e, calls[i]!.p, threshold)),
      };
    })(),
  };
}

export function render(m: TrainedModel): string {
  return `${JSON.stringify({ ...m, weights: Object.fromEntries(m.weights) }, null, 1)}\n`;
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
  console.log(
    `threshold ${trained.threshold} (borrowed: ${trained.recallThreshold}), ${trained.weights.length} weights`,
  );
  if (check) {
    const same = readFileSync(OUT, "utf8") === rendered;
    console.log(
      same ? "objection-model.json is up to date" : "objection-model.json is stale: run the script",
    );
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, rendered);
  console.log(`wrote ${OUT}`);
}
