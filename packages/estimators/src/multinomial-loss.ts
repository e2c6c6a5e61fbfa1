import type { Matrix } from "./matrix.js";

/**
 * Parameters of a multinomial linear model packed in one vector: `cols * K` weights laid out
 * feature-major (`w[j*K + k]`, the K class weights of feature j side by side, so each sample's
 * inner loop runs over contiguous memory), then K intercepts.
 */
export function packedSize(cols: number, k: number): number {
  return cols * k + k;
}

/** Softmax of `z` in place; returns log Σ exp(z). */
export function softmaxInPlace(z: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of z) if (v > max) max = v;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp(z[k]! - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
  return max + Math.log(sum);
}

/** Scores z = x_i·W + b of sample `i` into `z`. */
export function scoresOf(x: Matrix, i: number, w: Float64Array, k: number, z: Float64Array): void {
  const { cols, data } = x;
  const bias = cols * k;
  for (let c = 0; c < k; c++) z[c] = w[bias + c]!;
  const o = i * cols;
  for (let j = 0; j < cols; j++) {
    const v = data[o + j]!;
    // Skipping zeros makes raw-pixel and centred constant features free.
    if (v === 0) continue;
    const wj = j * k;
    for (let c = 0; c < k; c++) z[c]! += v * w[wj + c]!;
  }
}

/**
 * scikit-learn's L2-penalised multinomial objective, scaled by 1/n (same minimiser):
 * f(W, b) = (1/n) Σᵢ −log softmax(xᵢW + b)[yᵢ] + ‖W‖² / (2·C·n), intercepts unpenalised.
 * Writes the gradient into `grad` and returns f.
 */
export function multinomialLossGrad(
  x: Matrix,
  y: Int32Array,
  k: number,
  c: number,
  w: Float64Array,
  grad: Float64Array,
): number {
  const { rows: n, cols, data } = x;
  grad.fill(0);
  const z = new Float64Array(k);
  let loss = 0;
  const bias = cols * k;
  for (let i = 0; i < n; i++) {
    scoresOf(x, i, w, k, z);
    const label = y[i]!;
    const zy = z[label]!;
    loss += softmaxInPlace(z) - zy;
    z[label]! -= 1;
    for (let cl = 0; cl < k; cl++) grad[bias + cl] = grad[bias + cl]! + z[cl]!;
    const o = i * cols;
    for (let j = 0; j < cols; j++) {
      const v = data[o + j]!;
      if (v === 0) continue;
      const gj = j * k;
      for (let cl = 0; cl < k; cl++) grad[gj + cl]! += v * z[cl]!;
    }
  }
  const penalty = 1 / (c * n);
  let sq = 0;
  for (let p = 0; p < bias; p++) {
    sq += w[p]! * w[p]!;
    grad[p] = grad[p]! / n + penalty * w[p]!;
  }
  for (let p = bias; p < bias + k; p++) grad[p]! /= n;
  return loss / n + 0.5 * penalty * sq;
}
