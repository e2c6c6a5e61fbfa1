import { describe, expect, it } from "vitest";
import { loadAddon } from "../src/addon.js";
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

// The SAG epoch and the MLPClassifier update (native/estimators.inc): their TypeScript twins and the checks
// against them live in packages/estimators (src/native-paths.test.ts); here the portable build of the kernels
// against the dispatched one, and the argument checks.
describe.skipIf(!status.available)("estimator kernels sagEpoch and sklearnUpdate", () => {
  const load = loadAddon();
  const addon = load.ok ? load.addon : undefined;
  const simd = status.available ? status.simd : "scalar";

  function sagRun(k: number, cols: number) {
    const rows = 50;
    const x = rand(rows * cols, 11 + k, -1.5, 1.5);
    const y = Int32Array.from({ length: rows }, (_, i) => (i * 3) % k);
    const draws = Int32Array.from(rand(3 * rows, 5, 0, rows), Math.floor);
    const w = new Float64Array(cols * k);
    const b = new Float64Array(k);
    const sg = new Float64Array(cols * k);
    const sgb = new Float64Array(k);
    const mem = new Float64Array(rows * k);
    const seen = new Uint8Array(rows);
    const state = Float64Array.from([1, 0, 0.05, 1e-3]);
    addon!.sagEpoch(x, rows, cols, y, k, draws, w, b, sg, sgb, mem, seen, state);
    return { w, b, state };
  }

  it("are published by loadNativeBackend() beside multinomialLossGrad, with gemm", () => {
    const k = (globalThis as Record<symbol, unknown>)[
      Symbol.for("@mlp-lab/estimator-native-kernels")
    ] as Record<string, unknown>;
    for (const name of ["sagEpoch", "sklearnUpdate", "gemm"]) expect(typeof k[name]).toBe("function");
  });

  it("sagEpoch: the portable build gives the dispatched one's weights (k = 10 vectorised, k = 3 generic)", () => {
    for (const [k, cols] of [
      [10, 9],
      [3, 6],
    ] as const) {
      const fast = sagRun(k, cols);
      expect(addon!.selectSimd("portable")).toBe(true);
      let portable: ReturnType<typeof sagRun>;
      try {
        portable = sagRun(k, cols);
      } finally {
        addon!.selectSimd(simd);
      }
      expect(portable.state[1]).toBe(fast.state[1]);
      let worst = 0;
      fast.w.forEach((v, i) => {
        worst = Math.max(worst, Math.abs(v - portable.w[i]!));
      });
      expect(worst).toBeLessThan(1e-12);
      expect(Math.max(...fast.w.map(Math.abs))).toBeGreaterThan(0);
    }
  });

  it("sklearnUpdate: SGD with Nesterov momentum and the L2 term, in float32 operations", () => {
    const p = Float32Array.from([0.5, -0.25]);
    const g = Float32Array.from([0.1, 0.2]);
    const m = new Float32Array(2);
    // one weight parameter: g' = g + decay * 2p, v = 0.9 * 0 - 0.01 g', p += 0.9 v - 0.01 g'
    const sq = addon!.sklearnUpdate(
      0,
      [p],
      [g],
      [m],
      [],
      1,
      Float64Array.from([0.01, 0.9, 1, 0, 0, 0, 1, 0.5]),
    );
    const f = Math.fround;
    const g0 = f(0.1 + f(f(0.5) * 2 * 0.5));
    const v0 = f(0 - f(g0 * f(0.01)));
    expect(m[0]).toBe(v0);
    expect(p[0]).toBe(f(0.5 + f(f(v0 * f(0.9)) - f(g0 * f(0.01)))));
    expect(sq).toBeCloseTo(p[0]! ** 2 + p[1]! ** 2, 12);
  });

  it("reject mismatched arrays and out-of-range draws with a message", () => {
    const f64 = (n: number) => new Float64Array(n);
    const state = Float64Array.from([1, 0, 0.1, 0]);
    const args = (draws: Int32Array, w: Float64Array) =>
      [
        new Float32Array(4),
        2,
        2,
        Int32Array.from([0, 1]),
        2,
        draws,
        w,
        f64(2),
        f64(4),
        f64(2),
        f64(4),
        new Uint8Array(2),
        state,
      ] as const;
    expect(() => addon!.sagEpoch(...args(Int32Array.from([0, 2]), f64(4)))).toThrow(/draw is outside/);
    expect(() => addon!.sagEpoch(...args(Int32Array.from([0, 1]), f64(3)))).toThrow(/sizes do not match/);
    const p = new Float32Array(3);
    expect(() => addon!.sklearnUpdate(0, [p], [new Float32Array(2)], [p], [], 1, f64(8))).toThrow(
      /grads\[i\] must match/,
    );
    expect(() => addon!.sklearnUpdate(2, [p], [p], [p], [], 1, f64(8))).toThrow(/kind must be 0/);
  });
});
