import { describe, expect, it } from "vitest";
import { loadNativeBackend } from "../src/index.js";
import { rand } from "./helpers.js";

const status = loadNativeBackend();

type Kernels = {
  multinomialLossGrad(
    x: Float32Array | Float64Array,
    rows: number,
    cols: number,
    y: Int32Array,
    k: number,
    c: number,
    w: Float64Array,
    grad: Float64Array,
  ): number;
};

/** The objective as packages/estimators/src/multinomial-loss.ts writes it (the reference). */
function reference(
  x: ArrayLike<number>,
  rows: number,
  cols: number,
  y: Int32Array,
  k: number,
  c: number,
  w: Float64Array,
) {
  const grad = new Float64Array(cols * k + k);
  let loss = 0;
  for (let i = 0; i < rows; i++) {
    const z = Array.from({ length: k }, (_, cl) => w[cols * k + cl] as number);
    for (let j = 0; j < cols; j++)
      for (let cl = 0; cl < k; cl++) z[cl]! += (x[i * cols + j] as number) * (w[j * k + cl] as number);
    const max = Math.max(...z);
    const lse = max + Math.log(z.reduce((s, v) => s + Math.exp(v - max), 0));
    loss += lse - (z[y[i] as number] as number);
    const p = z.map((v) => Math.exp(v - lse));
    p[y[i] as number]! -= 1;
    for (let cl = 0; cl < k; cl++) grad[cols * k + cl]! += p[cl] as number;
    for (let j = 0; j < cols; j++)
      for (let cl = 0; cl < k; cl++) grad[j * k + cl]! += (x[i * cols + j] as number) * (p[cl] as number);
  }
  let sq = 0;
  for (let q = 0; q < cols * k; q++) {
    sq += (w[q] as number) ** 2;
    grad[q] = (grad[q] as number) / rows + (w[q] as number) / (c * rows);
  }
  for (let q = cols * k; q < grad.length; q++) grad[q]! /= rows;
  return { f: loss / rows + (0.5 * sq) / (c * rows), grad };
}

describe.skipIf(!status.available)("kernels published for @mlp-lab/estimators", () => {
  const kernels = (globalThis as Record<symbol, unknown>)[Symbol.for("@mlp-lab/estimator-native-kernels")] as
    | Kernels
    | undefined;

  it("are published by loadNativeBackend()", () => {
    expect(typeof kernels?.multinomialLossGrad).toBe("function");
  });

  it("multinomialLossGrad matches the estimators' formula (float32 and float64 samples, threaded sizes)", () => {
    for (const [rows, cols, k] of [
      [7, 5, 3],
      [3000, 120, 10],
    ] as const) {
      const x32 = rand(rows * cols, rows + cols, -2, 2);
      for (let i = 0; i < x32.length; i += 7) x32[i] = 0; // zeros are skipped: same result
      const y = Int32Array.from(rand(rows, 9, 0, k), Math.floor);
      const w = Float64Array.from(rand(cols * k + k, 3, -0.3, 0.3));
      const ref = reference(x32, rows, cols, y, k, 0.7, w);
      for (const x of [x32, Float64Array.from(x32)]) {
        const grad = new Float64Array(cols * k + k);
        const f = kernels!.multinomialLossGrad(x, rows, cols, y, k, 0.7, w, grad);
        expect(Math.abs(f - ref.f) / ref.f).toBeLessThan(1e-12);
        let worst = 0;
        let scale = 0;
        ref.grad.forEach((v, i) => {
          worst = Math.max(worst, Math.abs(v - (grad[i] as number)));
          scale = Math.max(scale, Math.abs(v));
        });
        expect(worst / scale).toBeLessThan(1e-12);
      }
    }
  });

  it("rejects labels outside [0, k) and short arrays with a message", () => {
    const g = new Float64Array(4 * 2 + 2);
    const w = new Float64Array(10);
    expect(() =>
      kernels!.multinomialLossGrad(new Float32Array(8), 2, 4, Int32Array.from([0, 2]), 2, 1, w, g),
    ).toThrow(/label is outside/);
    expect(() =>
      kernels!.multinomialLossGrad(new Float32Array(7), 2, 4, Int32Array.from([0, 1]), 2, 1, w, g),
    ).toThrow(/sizes do not match/);
  });
});
