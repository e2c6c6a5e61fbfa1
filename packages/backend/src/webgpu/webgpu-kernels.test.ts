import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import {
  type BackendDescription,
  formatBackend,
  useBackend,
  useHostReadableBackend,
  useSwiftShader,
} from "../index.js";

// webgpu through Dawn, on SwiftShader (Chromium's CPU Vulkan driver) where there is no GPU.
// Skipped, with the reason printed, where the webgpu package, the Vulkan loader or a driver is
// missing: never passed silently.
const icd = useSwiftShader();
let webgpu: BackendDescription | undefined;
let missing: string | undefined;
try {
  webgpu = await useBackend("webgpu");
} catch (error) {
  missing = (error as Error).message;
}
if (missing) console.warn(`[skip] webgpu kernel tests: ${missing}`);

/** Seeded values in [lo, hi): the same inputs on both backends. */
function values(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  let s = seed >>> 0;
  return Float32Array.from({ length: n }, () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return lo + ((s >>> 8) / 2 ** 24) * (hi - lo);
  });
}

// Shapes of a small MLP step: batch 16, 40 features, 24 hidden units, 10 classes.
const B = 16;
const F = 40;
const H = 24;
const C = 10;
const LABELS = Int32Array.from({ length: B }, (_, i) => (i * 7 + 3) % C);

function inputs() {
  return {
    x: tf.tensor2d(values(B * F, 1), [B, F]),
    w: tf.tensor2d(values(F * H, 2, -0.3, 0.3), [F, H]),
    b: tf.tensor1d(values(H, 3, -0.1, 0.1)),
    w2: tf.tensor2d(values(H * C, 4, -0.3, 0.3), [H, C]),
    logits: tf.tensor2d(values(B * C, 5, -3, 3), [B, C]),
    pos: tf.tensor2d(values(B * H, 6, 0.01, 4), [B, H]),
    labels: tf.tensor1d(LABELS, "int32"),
  };
}
type Inputs = ReturnType<typeof inputs>;

function nll(logProbs: tf.Tensor2D, labels: tf.Tensor1D): tf.Scalar {
  return tf.neg(tf.mean(tf.sum(tf.mul(logProbs, tf.oneHot(labels, C)), 1))) as tf.Scalar;
}

/** Every kernel the MLP's forward, backward and optimizer updates run, as used there. */
const KERNELS: Record<string, (t: Inputs) => tf.Tensor> = {
  matMul: (t) => tf.matMul(t.x, t.w),
  "matMul transposeA": (t) => tf.matMul(t.x, tf.matMul(t.x, t.w), true, false),
  "matMul transposeB": (t) => tf.matMul(tf.matMul(t.x, t.w), t.w, false, true),
  "matMul transposeA+B": (t) => tf.matMul(t.w, t.x, true, true),
  transpose: (t) => tf.transpose(t.w),
  reshape: (t) => tf.reshape(t.x, [B * 2, F / 2]),
  "add (bias broadcast)": (t) => tf.add(tf.matMul(t.x, t.w), t.b),
  "sub, mul, div, neg": (t) => tf.neg(tf.div(tf.mul(tf.sub(t.pos, 0.5), t.pos), tf.add(t.pos, 1))),
  "square, sqrt, maximum": (t) => tf.maximum(tf.sqrt(t.pos), tf.square(tf.sub(t.pos, 2))),
  "exp, log": (t) => tf.add(tf.exp(tf.sub(t.pos, 2)), tf.log(t.pos)),
  relu: (t) => tf.relu(tf.matMul(t.x, t.w)),
  tanh: (t) => tf.tanh(tf.matMul(t.x, t.w)),
  sigmoid: (t) => tf.sigmoid(tf.matMul(t.x, t.w)),
  "relu grad": (t) => tf.grad((h: tf.Tensor) => tf.sum(tf.mul(tf.relu(h), t.pos)))(tf.matMul(t.x, t.w)),
  "tanh, sigmoid grad": (t) =>
    tf.grad((h: tf.Tensor) => tf.sum(tf.mul(tf.add(tf.tanh(h), tf.sigmoid(h)), t.pos)))(tf.matMul(t.x, t.w)),
  logSoftmax: (t) => tf.logSoftmax(t.logits),
  "logSoftmax grad": (t) =>
    tf.grad((z: tf.Tensor) => nll(tf.logSoftmax(z) as tf.Tensor2D, t.labels as tf.Tensor1D))(t.logits),
  "sum (rows, columns), mean": (t) =>
    tf.concat([tf.sum(t.logits, 1), tf.sum(t.logits, 0), tf.reshape(tf.mean(t.logits), [1])]),
  oneHot: (t) => tf.oneHot(t.labels, C),
  gather: (t) => tf.gather(t.logits, tf.tensor1d([3, 0, 15, 7], "int32")),
  argMax: (t) => tf.argMax(t.logits, 1),
  "equal, cast, sum (correct predictions)": (t) =>
    tf.sum(tf.cast(tf.equal(tf.argMax(t.logits, 1), t.labels), "int32")),
  "NLL loss of a two-layer MLP": (t) =>
    nll(
      tf.logSoftmax(tf.matMul(tf.relu(tf.add(tf.matMul(t.x, t.w), t.b)), t.w2)) as tf.Tensor2D,
      t.labels as tf.Tensor1D,
    ),
  "gradients of a two-layer MLP (all weights)": (t) => {
    const loss = (w: tf.Tensor, b: tf.Tensor, w2: tf.Tensor) =>
      nll(
        tf.logSoftmax(tf.matMul(tf.relu(tf.add(tf.matMul(t.x, w), b)), w2)) as tf.Tensor2D,
        t.labels as tf.Tensor1D,
      );
    const [dw, db, dw2] = tf.grads(loss)([t.w, t.b, t.w2]);
    return tf.concat([tf.reshape(dw!, [-1]), db!, tf.reshape(dw2!, [-1])]);
  },
  "SGD momentum update": (t) => {
    const grad = tf.matMul(t.x, tf.relu(tf.matMul(t.x, t.w)), true, false);
    const buf = tf.add(tf.mul(t.w, 0.5), grad); // an existing momentum buffer (here: w)
    return tf.sub(t.w, tf.mul(buf, 0.01));
  },
  "Adam update": (t) => {
    const g = t.pos;
    const m = tf.add(tf.mul(tf.zerosLike(g), 0.9), tf.mul(g, 0.1));
    const v = tf.add(tf.mul(tf.zerosLike(g), 0.999), tf.mul(tf.square(g), 0.001));
    const denom = tf.add(tf.div(tf.sqrt(v), Math.sqrt(0.001)), 1e-8);
    return tf.sub(t.pos, tf.mul(tf.div(m, denom), 0.001 / 0.1));
  },
};

async function compute(backend: string, kernel: (t: Inputs) => tf.Tensor) {
  if (!(await tf.setBackend(backend))) throw new Error(`cannot switch to ${backend}`);
  const out = tf.tidy(() => kernel(inputs()));
  try {
    return { dtype: out.dtype, shape: out.shape, data: Array.from(await out.data()) as number[] };
  } finally {
    out.dispose();
  }
}

/** max |a - b| over max |b|: the error relative to the reference's scale. */
function relativeError(actual: number[], expected: number[]): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - expected[i]!));
    scale = Math.max(scale, Math.abs(expected[i]!));
  }
  return scale === 0 ? diff : diff / scale;
}

describe.skipIf(missing !== undefined)(
  `webgpu on ${icd ? `the ICD ${icd}` : "the environment's driver"}`,
  () => {
    it("describes the adapter it runs on, with its key limits", () => {
      const d = webgpu!;
      expect(d).toMatchObject({ name: "webgpu", tfjsBackend: "webgpu" });
      expect(d.adapter).toBeDefined();
      expect(d.adapter!.limits.maxStorageBufferBindingSize).toBeGreaterThan(0);
      expect(formatBackend(d)).toContain(d.adapter!.description || d.adapter!.vendor);
      expect(formatBackend(d)).toMatch(/storage binding \d+ [GMK]i?B/);
    });

    it("auto skips a software adapter with that reason and takes a CPU backend", async () => {
      if (!webgpu!.adapter!.software) return; // a hardware adapter is auto's first choice instead
      const d = await useBackend("auto", { exclude: ["native"] });
      expect(d.name).not.toBe("webgpu");
      expect(d.skipped[0]).toMatchObject({
        name: "webgpu",
        reason: expect.stringMatching(/^software adapter \(/),
      });
    });

    it("says to await data() when code reads a GPU tensor synchronously, and useHostReadableBackend moves on", async () => {
      await useBackend("webgpu");
      const w = tf.variable(tf.matMul(tf.ones([2, 3]), tf.ones([3, 2])));
      const fresh = tf.add(w, 1);
      expect(() => fresh.dataSync()).toThrow(
        /cannot read a tensor synchronously in Node.*await tensor\.data\(\)/,
      );
      expect(Array.from(await fresh.data())).toEqual([4, 4, 4, 4]);
      const host = await useHostReadableBackend();
      expect(host?.name).not.toBe("webgpu");
      expect(tf.getBackend()).toBe(host?.tfjsBackend);
      // The variable moved with its values: synchronous code works on the trained weights.
      expect(Array.from(tf.mul(w, 2).dataSync())).toEqual([6, 6, 6, 6]);
      fresh.dispose();
      w.dispose();
    });

    it.each(Object.keys(KERNELS))("%s matches cpu within 1e-4 relative", async (name) => {
      await useBackend("cpu");
      const expected = await compute("cpu", KERNELS[name]!);
      const actual = await compute("webgpu", KERNELS[name]!);
      expect(actual.shape).toEqual(expected.shape);
      expect(actual.dtype).toBe(expected.dtype);
      expect(expected.data.some((v) => v !== 0)).toBe(true);
      if (expected.dtype === "int32") expect(actual.data).toEqual(expected.data);
      else expect(relativeError(actual.data, expected.data)).toBeLessThan(1e-4);
    });
  },
);
