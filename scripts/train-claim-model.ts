/**
 * Trains the claim classifier and writes the bundled profile's models/claim-model.json.
 *
 * Data: scripts/claim-data.ts (every internal sentence of the labeled calls, and the claim
 * corpus's spoken claims as positives that only teach). Model: L2 logistic regression
 * (scripts/logistic-regression.ts) over src/analyze/moments/claim-features.ts, features seen in at
 * least MIN_FEATURE_COUNT training sentences, names left out. The L2 penalty and the corpus
 * claims' weight are chosen by leave-one-call-out cross-validation (log-loss on the calls'
 * sentences); the threshold is the probability with the best F1 on the calls' sentences out of
 * fold. The out-of-fold figures of the rules alone and of the model go into the file (`cv`).
 *   node --import tsx scripts/train-claim-model.ts           (writes the file)
 *   node --import tsx scripts/train-claim-model.ts --check   (exit 1 when stale)
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ClaimModel, claimLexicon } from "../src/analyze/moments/claim-classifier.js";
import { claimFeatures } from "../src/analyze/moments/claim-features.js";
import { claimCues } from "../src/analyze/moments/claim-rules.js";
import { compiledProduct } from "../src/analyze/product.js";
import { defaultProductProfile } from "../src/product/default.js";
import { type ClaimSentence, isCorpus, loadClaimSentences } from "./claim-data.js";
import { trainLogisticRegression } from "./logistic-regression.js";
import { type Counts, countBy, f1Of, nameStems, stored } from "./train-objection-model.js";

export const MIN_FEATURE_COUNT = 2;
/** Candidate L2 penalties and weights of a corpus claim relative to a call sentence. */
export const L2_GRID = [0.1, 0.3, 1];
export const CORPUS_WEIGHT_GRID = [0, 0.25, 1];

export const OUT = join(import.meta.dirname, "..", "products", "prefect", "models", "claim-model.json");

export interface Example extends ClaimSentence {
  features: string[];
  rules: boolean;
}

interface Fitted {
  weights: Map<string, number>;
  bias: number;
}

export async function loadExamples(): Promise<Example[]> {
  const profile = defaultProductProfile();
  const { vocabulary } = compiledProduct(profile);
  const lexicon = claimLexicon(profile);
  return (await loadClaimSentences()).map((s) => {
    const cues = claimCues(s.text, vocabulary, s.context);
    return {
      ...s,
      rules: cues.rules,
      features: claimFeatures(s.text, cues, { afterQuestion: s.afterQuestion }, lexicon),
    };
  });
}

export function fit(examples: Example[], l2: number, corpusWeight: number): Fitted {
  const used = examples.filter((e) => corpusWeight > 0 || !isCorpus(e));
  const names = nameStems(used);
  const counts = new Map<string, number>();
  for (const e of used) for (const f of e.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const vocabulary = [...counts]
    .filter(
      ([f, n]) =>
        n >= MIN_FEATURE_COUNT &&
        !f
          .slice(2)
          .split(" ")
          .some((part) => names.has(part)),
    )
    .map(([f]) => f)
    .sort();
  const index = new Map(vocabulary.map((f, i) => [f, i] as const));
  const model = trainLogisticRegression(
    used.map((e) => ({
      features: e.features.filter((f) => index.has(f)).map((f) => index.get(f)!),
      label: (e.claim ? 1 : 0) as 0 | 1,
      weight: isCorpus(e) ? corpusWeight : 1,
    })),
    vocabulary.length,
    { l2, positiveWeight: 1, maxIterations: 5000, tolerance: 1e-10 },
  );
  return { weights: new Map(vocabulary.map((f, i) => [f, model.weights[i]!])), bias: model.bias };
}

function probability(model: Fitted, features: string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return 1 / (1 + Math.exp(-z));
}

/** Leave-one-call-out: each call sentence's probability from a model trained without its call. */
export function crossValidate(examples: Example[], l2: number, corpusWeight: number): number[] {
  const out = new Array<number>(examples.length).fill(Number.NaN);
  for (const call of new Set(examples.filter((e) => !isCorpus(e)).map((e) => e.call))) {
    const model = fit(
      examples.filter((e) => e.call !== call),
      l2,
      corpusWeight,
    );
    examples.forEach((e, i) => {
      if (e.call === call) out[i] = probability(model, e.features);
    });
  }
  return out;
}

const count = (examples: Example[], says: (e: Example, i: number) => boolean): Counts =>
  countBy(examples, (e) => e.claim, says);

/** Mean log-loss of the calls' sentences out of fold. */
function logLoss(examples: Example[], p: number[]): number {
  let sum = 0;
  let n = 0;
  examples.forEach((e, i) => {
    if (isCorpus(e)) return;
    const q = Math.min(1 - 1e-9, Math.max(1e-9, p[i]!));
    sum -= Math.log(e.claim ? q : 1 - q);
    n++;
  });
  return sum / n;
}

/** The threshold (in hundredths) with the best F1 on the calls' sentences out of fold; the higher on a tie. */
export function chooseThreshold(examples: Example[], p: number[]): number {
  const calls = examples.map((e, i) => ({ e, p: p[i]! })).filter(({ e }) => !isCorpus(e));
  let best = { t: 0.5, f1: -1 };
  for (let h = 99; h > 0; h--) {
    const c = count(
      calls.map((x) => x.e),
      (_, i) => calls[i]!.p >= h / 100,
    );
    if (f1Of(c) > best.f1 + 1e-12) best = { t: h / 100, f1: f1Of(c) };
  }
  return best.t;
}

export interface Trained {
  /** Out-of-fold counts per source of calls (printed, not stored). */
  bySet: Record<string, { rules: Counts; model: Counts }>;
  l2: number;
  corpusWeight: number;
  model: ClaimModel;
  /** Per hyper-parameter pair, the calls' out-of-fold log-loss. */
  grid: { l2: number; corpusWeight: number; logLoss: number }[];
}

/** Trains over the grid of hyper-parameters (by default the whole one; the data tier passes the chosen pair). */
export function train(
  examples: Example[],
  grids: { l2: number[]; corpusWeight: number[] } = { l2: L2_GRID, corpusWeight: CORPUS_WEIGHT_GRID },
): Trained {
  const grid: Trained["grid"] = [];
  let best: { l2: number; corpusWeight: number; logLoss: number; p: number[] } | null = null;
  for (const corpusWeight of grids.corpusWeight)
    for (const l2 of grids.l2) {
      const p = crossValidate(examples, l2, corpusWeight);
      const loss = logLoss(examples, p);
      grid.push({ l2, corpusWeight, logLoss: Math.round(loss * 1e4) / 1e4 });
      if (!best || loss < best.logLoss - 1e-9) best = { l2, corpusWeight, logLoss: loss, p };
    }
  const { l2, corpusWeight, p } = best!;
  const threshold = chooseThreshold(examples, p);
  const calls = examples.map((e, i) => ({ e, p: p[i]! })).filter(({ e }) => !isCorpus(e));
  const es = calls.map((x) => x.e);
  const fitted = stored(fit(examples, l2, corpusWeight));
  const bySet: Trained["bySet"] = {};
  for (const set of new Set(es.map((e) => e.call.split("/")[0]!))) {
    const mine = calls.filter(({ e }) => e.call.startsWith(`${set}/`));
    bySet[set] = {
      rules: count(
        mine.map((x) => x.e),
        (e) => e.rules,
      ),
      model: count(
        mine.map((x) => x.e),
        (_, i) => mine[i]!.p >= threshold,
      ),
    };
  }
  return {
    bySet,
    l2,
    corpusWeight,
    grid,
    model: {
      threshold,
      bias: fitted.bias,
      cv: {
        calls: new Set(es.map((e) => e.call)).size,
        sentences: es.length,
        claims: es.filter((e) => e.claim).length,
        rules: count(es, (e) => e.rules),
        model: count(es, (_, i) => calls[i]!.p >= threshold),
      },
      weights: Object.fromEntries(fitted.weights),
    },
  };
}

export function render(t: Trained): string {
  const { threshold, bias, cv, weights } = t.model;
  return `${JSON.stringify({ threshold, l2: t.l2, corpusWeight: t.corpusWeight, grid: t.grid, bias, cv, weights }, null, 1)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const check = process.argv.includes("--check");
  const trained = train(await loadExamples());
  const rendered = render(trained);
  const { cv } = trained.model;
  const line = (k: string, c: Counts) =>
    console.log(
      `${k.padEnd(6)} recall ${(c.tp / (c.tp + c.fn)).toFixed(3)} precision ${(c.tp / (c.tp + c.fp || 1)).toFixed(3)} (tp ${c.tp} fp ${c.fp} fn ${c.fn})`,
    );
  for (const g of trained.grid)
    console.log(`l2 ${g.l2} corpus weight ${g.corpusWeight}: log-loss ${g.logLoss}`);
  line("rules", cv.rules);
  line("model", cv.model);
  for (const [set, c] of Object.entries(trained.bySet)) {
    line(`${set} rules`, c.rules);
    line(`${set} model`, c.model);
  }
  console.log(
    `chosen l2 ${trained.l2}, corpus weight ${trained.corpusWeight}, threshold ${trained.model.threshold}, ${Object.keys(trained.model.weights).length} weights; ${cv.calls} calls, ${cv.sentences} sentences, ${cv.claims} claims`,
  );
  if (check) {
    const same = readFileSync(OUT, "utf8") === rendered;
    console.log(same ? "claim-model.json is up to date" : "claim-model.json is stale: run the script");
    process.exit(same ? 0 : 1);
  }
  writeFileSync(OUT, rendered);
  console.log(`wrote ${OUT}`);
}
