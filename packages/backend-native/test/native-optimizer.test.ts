import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import "../dist/register-gradients.js";
import { createTfjsMlp } from "../bench/tfjs-mlp.mjs";
import { loadAddon } from "../src/addon.js";
import {
  type FusedOptimizer,
  NATIVE_BACKEND_NAME,
  NativeOptimizer,
  loadNativeBackend,
} from "../src/index.js";
import { rand, relErr } from "./helpers.js";

const status = loadNativeBackend();
if (!status.available) console.warn(`[backend-native] NativeOptimizer tests skipped: ${status.reason}`);

function initParams(layers: number[], seed: number): Float32Array[] {
  const params: Float32Array[] = [];
  for (let l = 0; l + 1 < layers.length; l++) {
    const fin = layers[l] as number;
    const fout = layers[l + 1] as number;
    const bound = 1 / Math.sqrt(fin);
    params.push(rand(fout * fin, seed + 2 * l, -bound, bound), rand(fout, seed + 2 * l + 1, -bound, bound));
  }
  return params;
}

/**
 * The general path with NativeOptimizer on `native` against the same path with the update written in
 * tf ops (PyTorch's formulas) on `cpu`: losses and parameters to 1e-5; Adam per element, as in
 * trainer.test.ts (elements whose gradient nearly cancels take slightly different steps).
 */
function compare(layers: number[], optimizer: FusedOptimizer, steps: number, adamStepTol?: number) {
  const init = initParams(layers, 11);
  const batch = 17;
  const data = Array.from({ length: steps }, (_, s) => ({
    x: rand(batch * (layers[0] as number), 100 + s, 0, 1),
    y: Int32Array.from(rand(batch, 200 + s, 0, layers[layers.length - 1] as number), Math.floor),
  }));
  const run = (backend: string, native: boolean) => {
    tf.setBackend(backend);
    const m = createTfjsMlp(tf, {
      layers,
      activation: "relu",
      params: init,
      optimizer,
      ...(native ? { optimizerImpl: (o: object) => new NativeOptimizer(o as FusedOptimizer) } : {}),
    });
    const counts: number[] = [];
    const losses = data.map((d) => {
      const loss = m.step(d.x, d.y, batch);
      counts.push(tf.memory().numTensors);
      return loss;
    });
    const params = m.params();
    m.dispose();
    return { losses, params, counts };
  };
  const ref = run("cpu", false);
  const got = run(NATIVE_BACKEND_NAME, true);
  expect(relErr(got.losses, ref.losses)).toBeLessThan(1e-5);
  got.params.forEach((p, i) => {
    const r = ref.params[i] as Float32Array;
    if (adamStepTol === undefined) {
      expect(relErr(p, r), `param ${i}`).toBeLessThan(1e-5);
    } else {
      let worst = 0;
      for (let k = 0; k < p.length; k++)
        worst = Math.max(worst, Math.abs((p[k] as number) - (r[k] as number)));
      expect(worst, `param ${i}`).toBeLessThanOrEqual(adamStepTol * optimizer.lr * steps);
    }
  });
  expect(new Set(got.counts).size, "tensor count flat across steps").toBe(1);
}

describe.skipIf(!status.available)("NativeOptimizer (one native update for all variables)", () => {
  beforeAll(async () => {
    tf.env().set("PROD", true);
    await tf.ready();
  });

  const layers = [30, 40, 20, 5];
  it("SGD", () => compare(layers, { kind: "sgd", lr: 0.1 }, 4));
  it("SGD momentum (first step sets the buffer to the gradient, as PyTorch)", () =>
    compare(layers, { kind: "sgd", lr: 0.05, momentum: 0.5 }, 5));
  it("SGD nesterov + weight decay", () =>
    compare(layers, { kind: "sgd", lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 }, 5));
  it("SGD dampening", () => compare(layers, { kind: "sgd", lr: 0.05, momentum: 0.9, dampening: 0.3 }, 5));
  it("Adam", () => compare(layers, { kind: "adam", lr: 1e-3 }, 5, 0.05));
  it("AdamW", () => compare(layers, { kind: "adamw", lr: 1e-2, weightDecay: 0.05 }, 5, 0.05));
  it("the course MLP with Adam (large parameters: the update runs on all threads)", () =>
    compare([784, 512, 256, 128, 64, 10], { kind: "adam", lr: 1e-3 }, 3, 0.05));

  it("every kernel table gives the same update", () => {
    const load = loadAddon();
    if (!load.ok) return;
    const results: Float32Array[] = [];
    for (const simd of ["avx512", "avx2", "sse", "neon", "scalar"]) {
      if (!load.addon.selectSimd(simd)) continue;
      tf.setBackend(NATIVE_BACKEND_NAME);
      const v = tf.variable(tf.tensor1d(rand(1000, 1)), true, `tables_${simd}`);
      const opt = new NativeOptimizer({ kind: "adam", lr: 0.01, weightDecay: 0.1 });
      for (let s = 0; s < 3; s++)
        tf.tidy(() => opt.applyGradients({ [v.name]: tf.tensor1d(rand(1000, 10 + s)) }));
      results.push(Float32Array.from(v.dataSync() as Float32Array));
      v.dispose();
      opt.dispose();
    }
    load.addon.selectSimd(status.available ? status.simd : "scalar");
    for (const r of results.slice(1)) expect(relErr(r, results[0] as Float32Array)).toBeLessThan(1e-6);
  });

  it("never changes an array the caller holds or a tensor that shares the variable's data", () => {
    tf.setBackend(NATIVE_BACKEND_NAME);
    const start = rand(64, 3);
    const v = tf.variable(tf.tensor1d(start.slice()), true, "held");
    const opt = new NativeOptimizer({ kind: "sgd", lr: 0.5, momentum: 0.9 });
    const g = () => ({ held: tf.fill([64], 1) });
    tf.tidy(() => opt.applyGradients(g()));
    const seen = v.dataSync() as Float32Array; // the backend's own array: must stay as read
    const snapshot = seen.slice();
    const clone = tf.clone(v); // shares the data id
    const cloneValues = Float32Array.from(clone.dataSync() as Float32Array);
    tf.tidy(() => opt.applyGradients(g()));
    tf.tidy(() => opt.applyGradients(g()));
    expect(Array.from(seen)).toEqual(Array.from(snapshot));
    expect(Array.from(clone.dataSync())).toEqual(Array.from(cloneValues));
    // and the variable did move: 0.5 * (1 + 1.9 + 2.71) after three steps
    expect((v.dataSync()[0] as number) - (start[0] as number)).toBeCloseTo(-0.5 * (1 + 1.9 + 2.71), 4);
    clone.dispose();
    v.dispose();
    opt.dispose();
  });

  it("saves and restores its state (getWeights / setWeights)", async () => {
    tf.setBackend(NATIVE_BACKEND_NAME);
    const a = tf.variable(tf.tensor1d(rand(50, 4)), true, "ckpt_a");
    const opt = new NativeOptimizer({ kind: "adam", lr: 0.01 });
    const grad = (s: number) => ({ ckpt_a: tf.tensor1d(rand(50, 40 + s)) });
    for (let s = 0; s < 3; s++) tf.tidy(() => opt.applyGradients(grad(s)));
    const weights = await opt.getWeights();
    const b = tf.variable(a.clone(), true, "ckpt_b");
    const restored = new NativeOptimizer({ kind: "adam", lr: 0.01 });
    await restored.setWeights(
      weights.map((w) => ({ name: w.name.replace("ckpt_a", "ckpt_b"), tensor: w.tensor })),
    );
    for (let s = 3; s < 5; s++) {
      tf.tidy(() => opt.applyGradients(grad(s)));
      tf.tidy(() => restored.applyGradients({ ckpt_b: grad(s).ckpt_a }));
    }
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    expect(restored.iterations).toBe(opt.iterations);
    for (const w of weights) w.tensor.dispose();
    for (const t of [a, b]) t.dispose();
    opt.dispose();
    restored.dispose();
  });

  it("rejects bad options and gradients with messages that name them", () => {
    expect(() => new NativeOptimizer({ kind: "sgd", lr: 0 })).toThrow(/lr must be > 0/);
    expect(() => new NativeOptimizer({ kind: "sgd", lr: 0.1, nesterov: true })).toThrow(/nesterov/);
    expect(() => new NativeOptimizer({ kind: "adam", lr: 0.1, beta1: -1 })).toThrow(/beta1/);
    tf.setBackend(NATIVE_BACKEND_NAME);
    const v = tf.variable(tf.zeros([4]), true, "bad_grad");
    const opt = new NativeOptimizer({ kind: "sgd", lr: 0.1 });
    expect(() => tf.tidy(() => opt.applyGradients({ bad_grad: tf.zeros([5]) }))).toThrow(
      /bad_grad.*5 elements/,
    );
    expect(() => tf.tidy(() => opt.applyGradients({ nowhere: tf.zeros([4]) }))).toThrow(
      /no variable named 'nowhere'/,
    );
    v.dispose();
  });
});
