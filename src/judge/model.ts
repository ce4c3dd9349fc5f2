/**
 * The learned judge: two multinomial logistic regressions stored as data (`pack/judge-model.json`,
 * fitted by `scripts/claims/train-judge.ts` on the claim corpus's train split).
 *
 * - The pair model reads one (claim, passage) pair and says whether the passage states the claim
 *   (entails), contradicts it, or is about something else (neutral).
 * - The claim model reads the pair model's strongest answers and the claim's shape and gives
 *   calibrated probabilities for supported, contradicted and unverifiable.
 *
 * The decision policy that turns probabilities into a verdict lives in `policy.ts`.
 */
import { readFileSync } from "node:fs";
import { z } from "zod";
import { memo } from "../memo.js";
import type { ClaimAnalysis, FeatureVector, PairCandidate } from "./features.js";

export const CLASSES = ["supported", "contradicted", "unverifiable"] as const;
export const PAIR_CLASSES = ["entails", "contradicts", "neutral"] as const;

const linearSchema = z.object({
  /** The columns: names of the features, in the order of each weight row. */
  features: z.array(z.string()).min(1),
  /** One row of weights per class, one column per feature. */
  weights: z.array(z.array(z.number())).length(3),
  bias: z.array(z.number()).length(3),
});
export type LinearModel = z.infer<typeof linearSchema>;

export const judgeModelSchema = z.object({
  schema: z.literal("call-coach/judge-model@2"),
  pair: linearSchema,
  claim: linearSchema,
  /** Word swaps mined from the corpus's train pairs: a word and the words reps say instead. */
  swaps: z.array(z.tuple([z.string(), z.array(z.string())])),
  /** Softmax temperature of the claim model, fitted on out-of-fold predictions (calibration). */
  temperature: z.number().positive(),
  /**
   * Probability a verdict must reach to be said, chosen on train for precision ≥ target, per
   * knowledge setting: "pack" (the bundled pack alone) and "synced" (docs synced or live).
   */
  thresholds: z
    .array(
      z.object({
        setting: z.enum(["synced", "pack"]),
        documents: z.number().nonnegative(),
        supported: z.number(),
        contradicted: z.number(),
      }),
    )
    .min(1),
  training: z.record(z.string(), z.unknown()),
});
export type JudgeModel = z.infer<typeof judgeModelSchema>;

export type Probabilities = Record<(typeof CLASSES)[number], number>;

export function loadJudgeModel(file: string): JudgeModel {
  const parsed = judgeModelSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join(".")}: ${issue.message}`);
  }
  for (const part of ["pair", "claim"] as const) {
    const m = parsed.data[part];
    if (m.weights.some((w) => w.length !== m.features.length))
      throw new Error(`${part}.weights: one entry per feature (${m.features.length})`);
  }
  return parsed.data;
}

/** The model's swap lexicon as a lookup, both directions. */
export const swapLexicon = memo((model: JudgeModel): Map<string, Set<string>> => lexiconOf(model.swaps));

export function lexiconOf(swaps: readonly [string, string[]][]): Map<string, Set<string>> {
  const m = new Map<string, Set<string>>();
  for (const [a, bs] of swaps)
    for (const b of bs) {
      m.set(a, new Set([...(m.get(a) ?? []), b]));
      m.set(b, new Set([...(m.get(b) ?? []), a]));
    }
  return m;
}

/** Raw scores (logits) of a linear model for a feature vector. */
export function logits(model: LinearModel, x: FeatureVector): number[] {
  const z = [...model.bias];
  model.features.forEach((name, j) => {
    const v = x[name];
    if (!v) return;
    for (let k = 0; k < 3; k++) z[k]! += model.weights[k]![j]! * v;
  });
  return z;
}

export function softmax(z: number[], temperature = 1): number[] {
  const s = z.map((v) => v / temperature);
  const max = Math.max(...s);
  const e = s.map((v) => Math.exp(v - max));
  const sum = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / sum);
}

/** The pair model's probabilities (entails, contradicts, neutral) for each candidate passage. */
export function scorePairs(pairModel: LinearModel, pairs: PairCandidate[]): number[][] {
  return pairs.map((p) => softmax(logits(pairModel, p.features)));
}

/** The claim model's inputs: the pair model's strongest answers and the claim's shape. */
export function claimVector(
  a: Pick<ClaimAnalysis, "shape" | "pooled" | "pairs" | "top">,
  pairScores: number[][],
): FeatureVector {
  const f: FeatureVector = { ...a.pooled, ...a.shape };
  const entails = pairScores.map((p) => p[0]!).sort((x, y) => y - x);
  const contradicts = pairScores.map((p) => p[1]!).sort((x, y) => y - x);
  f["pair.entails_max"] = entails[0] ?? 0;
  f["pair.contradicts_max"] = contradicts[0] ?? 0;
  f["pair.entails_second"] = entails[1] ?? 0;
  f["pair.contradicts_second"] = contradicts[1] ?? 0;
  f["pair.neutral_min"] = pairScores.length ? Math.min(...pairScores.map((p) => p[2]!)) : 1;
  const top = a.top ? a.pairs.findIndex((p) => p.at.passage === a.top!.passage) : -1;
  f["pair.top_entails"] = top >= 0 ? pairScores[top]![0]! : 0;
  f["pair.top_contradicts"] = top >= 0 ? pairScores[top]![1]! : 0;
  return f;
}

/**
 * The thresholds of a knowledge setting: "synced" once documentation is synced or served live
 * (MCP), "pack" with the bundled pack alone.
 */
export function thresholdsFor(
  model: JudgeModel,
  docsSynced: boolean,
): { supported: number; contradicted: number } {
  const want = docsSynced ? "synced" : "pack";
  const found = model.thresholds.find((t) => t.setting === want);
  if (!found) throw new Error(`judge model: no thresholds for the "${want}" setting`);
  return found;
}

export function predict(model: JudgeModel, a: ClaimAnalysis): { p: Probabilities; pairScores: number[][] } {
  const pairScores = scorePairs(model.pair, a.pairs);
  const q = softmax(logits(model.claim, claimVector(a, pairScores)), model.temperature);
  return { p: { supported: q[0]!, contradicted: q[1]!, unverifiable: q[2]! }, pairScores };
}
