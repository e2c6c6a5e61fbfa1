import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
// Gradients for the reference path (tf.grads on the cpu backend); built by `pnpm build`.
import "../dist/register-gradients.js";
import { createTfjsMlp } from "../bench/tfjs-mlp.mjs";
import { loadAddon } from "../src/addon.js";
import {
  type FusedActivation,
  FusedMlpTrainer,
  type FusedOptimizer,
  NATIVE_BACKEND_NAME,
  loadNativeBackend,
} from "../src/index.js";
import { rand, relErr } from "./helpers.js";

const status = loadNativeBackend();
if (!status.available) console.warn(`[backend-native] trainer tests skipped: ${status.reason}`);

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

function batches(layers: number[], batch: number, steps: number, seed: number) {
  const out: { x: Float32Array; y: Int32Array }[] = [];
  const classes = layers[layers.length - 1] as number;
  for (let s = 0; s < steps; s++) {
    const x = rand(batch * (layers[0] as number), seed + 1000 * s, 0, 1);
    const u = rand(batch, seed + 1000 * s + 7, 0, 1);
    out.push({ x, y: Int32Array.from(u, (v) => Math.min(classes - 1, Math.floor(v * classes))) });
  }
  return out;
}

/**
 * Trains the same init on the same batches with the general tfjs path (cpu backend) and the fused trainer;
 * losses and parameters must agree to `tol` (relative, max norm over each parameter).
 * `adamStepTol`: for Adam, which divides every gradient element by its own magnitude, elements whose
 * gradient nearly cancels over the batch (|g| ~ 1e-7, where float32 summation order shows) take slightly
 * different steps; there the bound is per element, as a fraction of lr x steps.
 */
function compareRun(
  layers: number[],
  activation: FusedActivation,
  optimizer: FusedOptimizer,
  batch: number,
  steps: number,
  tol = 1e-5,
  adamStepTol?: number,
) {
  const init = initParams(layers, 42);
  const data = batches(layers, batch, steps, 7);
  tf.setBackend("cpu");
  const ref = createTfjsMlp(tf, { layers, activation, params: init, optimizer });
  const refLoss = data.map((d) => ref.step(d.x, d.y, batch));
  const refParams = ref.params();
  ref.dispose();

  const params = init.map((p) => p.slice());
  const fused = new FusedMlpTrainer({ layers, activation, params, optimizer });
  const losses = data.map((d) => fused.step(d.x, d.y, batch).loss);
  fused.dispose();
  for (let i = 0; i < steps; i++)
    expect(Math.abs((losses[i] as number) - (refLoss[i] as number))).toBeLessThan(
      1e-5 * Math.max(1, Math.abs(refLoss[i] as number)),
    );
  params.forEach((p, i) => {
    const ref = refParams[i] as Float32Array;
    if (adamStepTol !== undefined) {
      let worst = 0;
      for (let k = 0; k < p.length; k++)
        worst = Math.max(worst, Math.abs((p[k] as number) - (ref[k] as number)));
      const bound = adamStepTol * optimizer.lr * steps;
      expect(worst, `param ${i}: max |difference| ${worst} > ${bound}`).toBeLessThanOrEqual(bound);
      return;
    }
    const err = relErr(p, ref);
    expect(err, `param ${i} relative error ${err}`).toBeLessThanOrEqual(tol);
  });
  // the parameters moved at all
  expect(Math.max(...params.map((p, i) => relErr(p, init[i] as Float32Array)))).toBeGreaterThan(1e-6);
}

describe.skipIf(!status.available)("FusedMlpTrainer vs the general tfjs path on cpu", () => {
  beforeAll(async () => {
    tf.env().set("PROD", true);
    await tf.ready();
  });

  const small = [20, 13, 7, 5];
  for (const activation of ["relu", "identity", "tanh", "sigmoid"] as const) {
    it(`SGD momentum, ${activation}`, () =>
      compareRun(small, activation, { kind: "sgd", lr: 0.1, momentum: 0.5 }, 16, 5));
  }
  it("plain SGD, odd batch", () => compareRun(small, "relu", { kind: "sgd", lr: 0.05 }, 7, 4));
  it("SGD nesterov + dampening + weight decay", () =>
    compareRun(
      small,
      "relu",
      { kind: "sgd", lr: 0.05, momentum: 0.9, nesterov: true, weightDecay: 1e-3 },
      9,
      5,
    ));
  it("SGD dampening", () =>
    compareRun(
      small,
      "tanh",
      { kind: "sgd", lr: 0.05, momentum: 0.9, dampening: 0.3, weightDecay: 1e-2 },
      9,
      5,
    ));
  it("Adam", () => compareRun(small, "relu", { kind: "adam", lr: 1e-3 }, 16, 5));
  it("Adam, wide layers (per-element step bound, see compareRun)", () =>
    compareRun([70, 300, 130, 10], "tanh", { kind: "adam", lr: 1e-3 }, 33, 3, 1e-5, 0.05));
  it("Adam with weight decay", () =>
    compareRun(small, "sigmoid", { kind: "adam", lr: 1e-2, weightDecay: 1e-2 }, 16, 5));
  it("AdamW", () => compareRun(small, "relu", { kind: "adamw", lr: 1e-2, weightDecay: 0.05 }, 16, 5));
  it("odd sizes (1, 63, 65, 513) in one stack", () =>
    compareRun([65, 513, 63, 1, 7], "tanh", { kind: "sgd", lr: 0.05, momentum: 0.5 }, 7, 3));
  it("the course's MLP [784,512,256,128,64,10], SGD lr 0.01 momentum 0.5, batch 64", () =>
    compareRun([784, 512, 256, 128, 64, 10], "relu", { kind: "sgd", lr: 0.01, momentum: 0.5 }, 64, 3));

  for (const simd of ["avx2", "sse", "neon", "scalar"]) {
    it(`kernel table ${simd} (when the CPU has it): SGD momentum and Adam on wide layers`, () => {
      const load = loadAddon();
      if (!load.ok || !load.addon.selectSimd(simd)) return;
      try {
        compareRun([70, 300, 130, 10], "relu", { kind: "sgd", lr: 0.05, momentum: 0.5 }, 33, 3);
        // wider layers: gradients that cancel over the batch, see compareRun
        compareRun([70, 300, 130, 10], "tanh", { kind: "adam", lr: 1e-3 }, 33, 3, 1e-5, 0.05);
      } finally {
        load.addon.selectSimd(status.available ? status.simd : "scalar");
      }
    });
  }

  it("evaluate matches a forward pass, in chunks larger than maxBatch", () => {
    const layers = [20, 13, 7, 5];
    const params = initParams(layers, 3);
    const n = 301;
    const x = rand(n * 20, 5, 0, 1);
    const y = Int32Array.from(rand(n, 6, 0, 5), (v) => Math.floor(v));
    const t = new FusedMlpTrainer({
      layers,
      activation: "relu",
      params,
      optimizer: { kind: "sgd", lr: 0.1 },
      maxBatch: 64,
    });
    const res = t.evaluate(x, y, n);
    t.dispose();
    tf.setBackend("cpu");
    const { lossSum, pred } = tf.tidy(() => {
      let h: tf.Tensor = tf.tensor2d(x, [n, 20]);
      for (let l = 0; l < 3; l++) {
        h = tf.add(
          tf.matMul(
            h,
            tf.tensor2d(params[2 * l] as Float32Array, [layers[l + 1] as number, layers[l] as number]),
            false,
            true,
          ),
          tf.tensor1d(params[2 * l + 1] as Float32Array),
        );
        if (l < 2) h = tf.relu(h);
      }
      const lp = tf.logSoftmax(h);
      const nll = tf.neg(tf.sum(tf.mul(lp, tf.oneHot(tf.tensor1d(y, "int32"), 5))));
      return { lossSum: nll.dataSync()[0] as number, pred: tf.argMax(h, 1).dataSync() as Int32Array };
    });
    expect(Math.abs(res.lossSum - lossSum) / lossSum).toBeLessThan(1e-5);
    expect(Array.from(res.predictions)).toEqual(Array.from(pred));
    expect(res.correct).toBe(Array.from(pred).filter((p, i) => p === y[i]).length);
  });

  it("optimizer state round-trips (checkpoint / resume gives the same parameters)", () => {
    const layers = [20, 13, 5];
    for (const optimizer of [
      { kind: "sgd", lr: 0.1, momentum: 0.9 },
      { kind: "adam", lr: 1e-2 },
    ] as FusedOptimizer[]) {
      const data = batches(layers, 8, 6, 11);
      const a = initParams(layers, 9);
      const ta = new FusedMlpTrainer({ layers, activation: "relu", params: a, optimizer });
      for (const d of data.slice(0, 3)) ta.step(d.x, d.y, 8);
      const state = ta.getOptimizerState();
      expect(state.step).toBe(3);
      expect(state.buffers.length).toBe(optimizer.kind === "sgd" ? 4 : 8);
      const b = a.map((p) => p.slice());
      const tb = new FusedMlpTrainer({ layers, activation: "relu", params: b, optimizer });
      tb.setOptimizerState(state);
      for (const d of data.slice(3)) {
        ta.step(d.x, d.y, 8);
        tb.step(d.x, d.y, 8);
      }
      a.forEach((p, i) => expect(Array.from(b[i] as Float32Array)).toEqual(Array.from(p)));
      ta.dispose();
      tb.dispose();
    }
  });

  it("setLearningRate takes effect; batches above maxBatch grow the scratch", () => {
    const layers = [20, 13, 5];
    const data = batches(layers, 100, 2, 3);
    const p1 = initParams(layers, 1);
    const p2 = p1.map((p) => p.slice());
    const t1 = new FusedMlpTrainer({
      layers,
      activation: "relu",
      params: p1,
      optimizer: { kind: "sgd", lr: 0.1 },
      maxBatch: 8,
    });
    const t2 = new FusedMlpTrainer({
      layers,
      activation: "relu",
      params: p2,
      optimizer: { kind: "sgd", lr: 0.5 },
    });
    t1.setLearningRate(0.5);
    for (const d of data) {
      t1.step(d.x, d.y, 100);
      t2.step(d.x, d.y, 100);
    }
    p1.forEach((p, i) => expect(relErr(p, p2[i] as Float32Array)).toBeLessThan(1e-6));
    t1.dispose();
    t2.dispose();
    expect(() => t1.step(data[0]!.x, data[0]!.y, 100)).toThrow(/dispose/);
  });

  it("general path on the native backend: same losses as cpu, tensor count flat across steps", () => {
    const layers = [784, 512, 256, 128, 64, 10];
    const init = initParams(layers, 5);
    const data = batches(layers, 64, 6, 3);
    const optimizer = { kind: "sgd", lr: 0.01, momentum: 0.5 } as const;
    const run = (backend: string) => {
      tf.setBackend(backend);
      const m = createTfjsMlp(tf, { layers, activation: "relu", params: init, optimizer });
      const counts: number[] = [];
      const losses = data.map((d) => {
        const l = m.step(d.x, d.y, 64);
        counts.push(tf.memory().numTensors);
        return l;
      });
      const params = m.params();
      m.dispose();
      return { losses, params, counts };
    };
    const cpu = run("cpu");
    const nat = run(NATIVE_BACKEND_NAME);
    expect(relErr(nat.losses, cpu.losses)).toBeLessThan(1e-5);
    nat.params.forEach((p, i) => expect(relErr(p, cpu.params[i] as Float32Array)).toBeLessThan(1e-5));
    expect(new Set(nat.counts.slice(1)).size).toBe(1);
  });
});
