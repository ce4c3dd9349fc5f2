/**
 * L2-regularized multinomial logistic regression over sparse features in [0, 1], for the judge.
 * Minimizes mean weighted cross-entropy + λ/2·‖W‖² (biases not penalized) with full-batch Adam: no
 * randomness and a fixed order of operations, so the same data gives the same weights everywhere
 * and the committed model can be checked against a retrain.
 */

/** A row as the indices and values of its non-zero features. */
export interface SparseRow {
  index: number[];
  value: number[];
}

export interface SoftmaxModel {
  /** weights[k][j]: class k, feature j. */
  weights: number[][];
  bias: number[];
}

export function scores(m: SoftmaxModel, x: SparseRow): number[] {
  return m.bias.map((b, k) => {
    let z = b;
    const w = m.weights[k]!;
    for (let q = 0; q < x.index.length; q++) z += w[x.index[q]!]! * x.value[q]!;
    return z;
  });
}

export function trainSoftmax(
  x: SparseRow[],
  y: number[],
  features: number,
  classes: number,
  options: {
    l2: number;
    iterations?: number;
    rate?: number;
    weights?: number[];
    /**
     * Sign constraints from what a feature means (projected after every step): `up[k]` lists the
     * features whose weight for class k may not be negative, `down[k]` those whose weight may not
     * be positive. A figure the passage lacks may lower the odds that it states the claim, never
     * raise them.
     */
    up?: number[][];
    down?: number[][];
  },
): SoftmaxModel {
  const iterations = options.iterations ?? 800;
  const rate = options.rate ?? 0.05;
  const ew = options.weights ?? x.map(() => 1);
  const total = ew.reduce((a, b) => a + b, 0);
  const stride = features + 1;
  const theta = new Float64Array(classes * stride);
  const g = new Float64Array(theta.length);
  const m1 = new Float64Array(theta.length);
  const m2 = new Float64Array(theta.length);
  const z = new Float64Array(classes);
  const beta1 = 0.9;
  const beta2 = 0.999;
  for (let t = 1; t <= iterations; t++) {
    g.fill(0);
    for (let i = 0; i < x.length; i++) {
      const row = x[i]!;
      let max = -Infinity;
      for (let k = 0; k < classes; k++) {
        let s = theta[k * stride + features]!;
        for (let q = 0; q < row.index.length; q++) s += theta[k * stride + row.index[q]!]! * row.value[q]!;
        z[k] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let k = 0; k < classes; k++) {
        z[k] = Math.exp(z[k]! - max);
        sum += z[k]!;
      }
      const c = ew[i]! / total;
      for (let k = 0; k < classes; k++) {
        const r = c * (z[k]! / sum - (y[i] === k ? 1 : 0));
        const off = k * stride;
        for (let q = 0; q < row.index.length; q++) g[off + row.index[q]!]! += r * row.value[q]!;
        g[off + features]! += r;
      }
    }
    for (let k = 0; k < classes; k++)
      for (let j = 0; j < features; j++) g[k * stride + j]! += options.l2 * theta[k * stride + j]!;
    const c1 = 1 - beta1 ** t;
    const c2 = 1 - beta2 ** t;
    for (let q = 0; q < theta.length; q++) {
      m1[q] = beta1 * m1[q]! + (1 - beta1) * g[q]!;
      m2[q] = beta2 * m2[q]! + (1 - beta2) * g[q]! ** 2;
      theta[q]! -= (rate * (m1[q]! / c1)) / (Math.sqrt(m2[q]! / c2) + 1e-8);
    }
    for (let k = 0; k < classes; k++) {
      for (const j of options.up?.[k] ?? []) if (theta[k * stride + j]! < 0) theta[k * stride + j] = 0;
      for (const j of options.down?.[k] ?? []) if (theta[k * stride + j]! > 0) theta[k * stride + j] = 0;
    }
  }
  const weights = Array.from({ length: classes }, (_, k) => [
    ...theta.slice(k * stride, k * stride + features),
  ]);
  const bias = Array.from({ length: classes }, (_, k) => theta[k * stride + features]!);
  return { weights, bias };
}

export function crossEntropy(p: number[], y: number): number {
  return -Math.log(Math.max(p[y]!, 1e-12));
}
