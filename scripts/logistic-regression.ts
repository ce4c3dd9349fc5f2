/**
 * L2-regularized logistic regression over sparse binary features, for the objection classifier.
 *
 * Minimizes  Σᵢ cᵢ·logloss(yᵢ, σ(w·xᵢ + b)) + λ/2·‖w‖²  (the bias is not penalized) with
 * accelerated majorization–minimization: gradient steps scaled per coordinate by a diagonal bound
 * on the Hessian (the row sums of ¼·XᵀCX, plus λ), with Nesterov momentum that is dropped
 * whenever the objective would rise. No randomness and a fixed order of operations, so the same data gives the same
 * weights on every machine — the committed model can be checked against a retrain.
 *
 * Why not a library: ml-logistic-regression trains dense matrices without regularization or an
 * intercept; natural's classifier brings its own tokenizer and a large dependency tree. This is
 * the whole algorithm.
 */

export interface Example {
  /** Indices of the features present (binary features). */
  features: number[];
  label: 0 | 1;
  /** Weight of this example (default: 1, or `positiveWeight` for a positive). */
  weight?: number | undefined;
}

export interface TrainOptions {
  /** L2 penalty λ. */
  l2: number;
  /** Weight of a positive example relative to a negative one (class imbalance). */
  positiveWeight: number;
  maxIterations: number;
  /** Stop when the objective improves by less than this fraction. */
  tolerance: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
  iterations: number;
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function trainLogisticRegression(
  examples: Example[],
  featureCount: number,
  options: TrainOptions,
): LinearModel {
  const { l2, positiveWeight, maxIterations, tolerance } = options;
  const cost = examples.map((e) => e.weight ?? (e.label ? positiveWeight : 1));
  // Diagonal majorizer of the Hessian, the bias as coordinate `featureCount`:
  // ¼·Σᵢ cᵢ·xᵢⱼ·(|xᵢ| + 1) (+ λ), the row sums of ¼·XᵀCX with the bias column.
  const n = featureCount + 1;
  const bound = new Float64Array(n);
  examples.forEach((e, i) => {
    const width = e.features.length + 1;
    for (const j of e.features) bound[j]! += 0.25 * cost[i]! * width;
    bound[featureCount]! += 0.25 * cost[i]! * width;
  });
  for (let j = 0; j < featureCount; j++) bound[j]! += l2;

  // Objective and gradient at parameters w (w[featureCount] is the bias).
  const gradient = new Float64Array(n);
  const evaluate = (w: Float64Array): number => {
    gradient.fill(0);
    let objective = 0;
    examples.forEach((e, i) => {
      let z = w[featureCount]!;
      for (const j of e.features) z += w[j]!;
      // log(1 + e^-|z|) form keeps the loss finite for large margins.
      objective += cost[i]! * (Math.max(z, 0) - (e.label ? z : 0) + Math.log1p(Math.exp(-Math.abs(z))));
      const r = cost[i]! * (sigmoid(z) - e.label);
      for (const j of e.features) gradient[j]! += r;
      gradient[featureCount]! += r;
    });
    for (let j = 0; j < featureCount; j++) {
      objective += 0.5 * l2 * w[j]! ** 2;
      gradient[j]! += l2 * w[j]!;
    }
    return objective;
  };

  // Nesterov-accelerated majorization steps with adaptive restart: a step from the extrapolated
  // point y; when the objective goes up, momentum is dropped (O'Donoghue & Candès, 2015).
  let w = new Float64Array(n);
  let previousW = new Float64Array(n);
  const y = new Float64Array(n);
  let momentum = 1;
  let previous = evaluate(w);
  let iterations = 0;
  for (; iterations < maxIterations; iterations++) {
    const nextMomentum = (1 + Math.sqrt(1 + 4 * momentum * momentum)) / 2;
    const beta = (momentum - 1) / nextMomentum;
    for (let j = 0; j < n; j++) y[j] = w[j]! + beta * (w[j]! - previousW[j]!);
    evaluate(y);
    const next = new Float64Array(n);
    for (let j = 0; j < n; j++) next[j] = y[j]! - gradient[j]! / bound[j]!;
    const objective = evaluate(next);
    if (objective > previous) {
      // Restart: take a plain majorization step from w instead, which cannot go up.
      momentum = 1;
      evaluate(w);
      for (let j = 0; j < n; j++) next[j] = w[j]! - gradient[j]! / bound[j]!;
      const plain = evaluate(next);
      previousW = w;
      w = next;
      const done = previous - plain < tolerance * Math.abs(plain);
      previous = plain;
      if (done) break;
      continue;
    }
    momentum = nextMomentum;
    previousW = w;
    w = next;
    const done = previous - objective < tolerance * Math.abs(objective);
    previous = objective;
    if (done) break;
  }
  return { weights: w.slice(0, featureCount), bias: w[featureCount]!, iterations };
}
