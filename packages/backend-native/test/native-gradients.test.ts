import * as tf from "@tensorflow/tfjs-core";
import { afterAll, describe, expect, it } from "vitest";
import "../dist/register-gradients.js";
import { createTfjsMlp } from "../bench/tfjs-mlp.mjs";
import { loadAddon } from "../src/addon.js";
import { NATIVE_BACKEND_NAME, loadNativeBackend } from "../src/index.js";
import { RELU_GRAD_KERNEL } from "../src/native-gradients.js";
import { NativeOptimizer } from "../src/native-optimizer.js";
import { rand, relErr } from "./helpers.js";

// tfjs's own gradients, before a native backend is created (that replaces them)
const TFJS_GRADIENTS = ["Relu", "Add", "Sub", "Multiply"].map((k) => tf.getGradient(k));

const status = loadNativeBackend();
if (!status.available) console.warn(`[backend-native] gradient tests skipped: ${status.reason}`);
const run = status.available ? describe : describe.skip;
const NATIVE_GRADIENT_CONFIGS = ["Relu", "Add", "Sub", "Multiply"];

type Grads = { values: Float32Array[]; kernels: string[] };

/** Gradients of sum(f(a, b) * w) with respect to a and b on a backend, and the kernels they took. */
async function gradsOn(
  backend: string,
  f: (a: tf.Tensor, b: tf.Tensor) => tf.Tensor,
  a: { v: Float32Array; shape: number[] },
  b: { v: Float32Array; shape: number[] },
): Promise<Grads> {
  await tf.setBackend(backend);
  let values: Float32Array[] = [];
  const before = tf.memory().numTensors;
  const info = await tf.profile(() => {
    tf.tidy(() => {
      const at = tf.tensor(a.v, a.shape);
      const bt = tf.tensor(b.v, b.shape);
      const out = f(at, bt);
      const w = tf.tensor(rand(out.size, 77, -2, 2), out.shape);
      const g = tf.grads((x: tf.Tensor, y: tf.Tensor) => tf.sum(tf.mul(f(x, y), w)))([at, bt]);
      values = g.map((t) => Float32Array.from(t.dataSync() as Float32Array));
    });
  });
  expect(tf.memory().numTensors).toBe(before);
  return { values, kernels: info.kernels.map((k) => k.name) };
}

/** Bitwise equality, NaN equal to NaN. */
function same(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((x, i) => Object.is(x, b[i]) || (x === 0 && b[i] === 0));
}

const withSpecials = (n: number, seed: number): Float32Array => {
  const v = rand(n, seed, -3, 3);
  v[0] = Number.NaN;
  v[1] = 0;
  v[2] = -0;
  v[3] = Number.POSITIVE_INFINITY;
  v[4] = Number.NEGATIVE_INFINITY;
  return v;
};

run("the native backend's gradients", () => {
  afterAll(async () => {
    await tf.setBackend(NATIVE_BACKEND_NAME);
  });

  const cases: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, number[], number[]][] = [
    ["Add, bias over rows", (a, b) => tf.add(a, b), [6, 5], [5]],
    ["Add, same shape", (a, b) => tf.add(a, b), [6, 5], [6, 5]],
    ["Add, column and scalar", (a, b) => tf.add(tf.add(a, b), tf.scalar(2)), [6, 5], [6, 1]],
    ["Add, [1, n] keeps its rank", (a, b) => tf.add(a, b), [6, 5], [1, 5]],
    ["Sub, bias over rows", (a, b) => tf.sub(a, b), [6, 5], [5]],
    ["Sub, same shape", (a, b) => tf.sub(a, b), [4, 3], [4, 3]],
    ["Sub, broadcast on the left", (a, b) => tf.sub(b, a), [6, 5], [5]],
    ["Multiply, same shape", (a, b) => tf.mul(a, b), [4, 7], [4, 7]],
    ["Multiply, column", (a, b) => tf.mul(a, b), [4, 7], [4, 1]],
    ["Relu after a bias add", (a, b) => tf.relu(tf.add(a, b)), [9, 33], [33]],
  ];
  for (const [name, f, sa, sb] of cases) {
    it(`${name}: the same gradients as tfjs's on cpu, bit for bit`, async () => {
      const a = {
        v: withSpecials(
          sa.reduce((p, d) => p * d, 1),
          1,
        ),
        shape: sa,
      };
      const b = {
        v: rand(
          sb.reduce((p, d) => p * d, 1),
          2,
          -3,
          3,
        ),
        shape: sb,
      };
      const ref = await gradsOn("cpu", f, a, b);
      const got = await gradsOn(NATIVE_BACKEND_NAME, f, a, b);
      expect(got.values.length).toBe(2);
      got.values.forEach((g, i) => expect(same(g, ref.values[i] as Float32Array)).toBe(true));
    });
  }

  it("Linear → ReLU backward: one ReLU-gradient kernel, no Step or Cast, one Reshape fewer", async () => {
    const wv = rand(8 * 12, 4);
    const f = (x: tf.Tensor, b: tf.Tensor) =>
      tf.relu(tf.add(tf.matMul(x, tf.tensor2d(wv, [8, 12]), false, true), b));
    const x = { v: rand(16 * 12, 3), shape: [16, 12] };
    const w = { v: rand(8, 4), shape: [8] };
    const ref = await gradsOn("cpu", f, x, w);
    const got = await gradsOn(NATIVE_BACKEND_NAME, f, x, w);
    expect(ref.kernels).toContain("Step");
    expect(got.kernels).toContain(RELU_GRAD_KERNEL);
    for (const k of ["Step", "Cast"]) expect(got.kernels).not.toContain(k);
    // the bias gradient is the Sum itself; the product's gradient needs a tensor of its own (dy's Reshape), and
    // tf.sum's gradient (the harness's loss) has one
    const reshapes = (g: Grads) => g.kernels.filter((k) => k === "Reshape").length;
    expect([reshapes(got), reshapes(ref)]).toEqual([2, 3]);
    expect(got.kernels.length).toBeLessThan(ref.kernels.length);
    // the products differ from the cpu kernel's in summation order only
    got.values.forEach((g, i) => expect(relErr(g, ref.values[i] as Float32Array)).toBeLessThan(1e-5));
  });

  it("the course MLP's general step (variableGrads + NativeOptimizer): 92 kernel calls instead of 106", async () => {
    await tf.setBackend(NATIVE_BACKEND_NAME);
    const layers = [784, 512, 256, 128, 64, 10];
    const params: Float32Array[] = [];
    for (let l = 0; l + 1 < layers.length; l++)
      params.push(
        rand((layers[l] as number) * (layers[l + 1] as number), l, -0.05, 0.05),
        rand(layers[l + 1] as number, 9 + l),
      );
    const m = createTfjsMlp(tf, {
      layers,
      activation: "relu",
      params,
      optimizer: { kind: "sgd", lr: 0.01, momentum: 0.5 },
      optimizerImpl: (o: object) => new NativeOptimizer(o as { kind: "sgd"; lr: number }),
    });
    const x = rand(4 * 784, 3, 0, 1);
    const y = Int32Array.from([1, 2, 3, 4]);
    const kernels = async () => {
      m.step(x, y, 4); // warm-up: optimizer buffers, pooled arrays
      const before = tf.memory().numTensors;
      const info = await tf.profile(() => {
        m.step(x, y, 4);
      });
      expect(tf.memory().numTensors).toBe(before);
      return info.kernels.map((k) => k.name);
    };
    const native = NATIVE_GRADIENT_CONFIGS.map((k) => tf.getGradient(k));
    const ours = await kernels();
    for (const g of TFJS_GRADIENTS) tf.registerGradient(g);
    const theirs = await kernels();
    for (const g of native) tf.registerGradient(g);
    m.dispose();
    // tf.profile lists the logSoftmax custom-gradient op too: 92 and 106 backend kernel calls
    expect([ours.length, theirs.length]).toEqual([93, 107]);
    expect(ours.filter((k) => k === RELU_GRAD_KERNEL).length).toBe(4);
    expect(ours).not.toContain("Step");
  });

  it("the ReLU-gradient kernel has a gradient (second order) equal to tfjs's", async () => {
    // d/dv sum(grad_x sum(relu(x) * v)) = step(x)
    const xv = withSpecials(40, 5);
    const second = async (backend: string) => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const x = tf.tensor1d(xv);
        const g = tf.grad((v: tf.Tensor) =>
          tf.sum(tf.grad((y: tf.Tensor) => tf.sum(tf.mul(tf.relu(y), v)))(x)),
        );
        return Float32Array.from(g(tf.tensor1d(rand(40, 6))).dataSync() as Float32Array);
      });
    };
    expect(same(await second(NATIVE_BACKEND_NAME), await second("cpu"))).toBe(true);
  });

  it("every kernel table computes the ReLU gradient as tfjs does (NaN, ±0, ±Infinity)", () => {
    const load = loadAddon();
    if (!load.ok) return;
    const n = 1000 + 3;
    const x = withSpecials(n, 8);
    const dy = rand(n, 9, -2, 2);
    dy[5] = Number.POSITIVE_INFINITY;
    dy[6] = Number.NaN;
    x[5] = -1;
    x[6] = 2;
    const want = Float32Array.from(dy, (d, i) => {
      const xi = x[i] as number;
      return d * (Number.isNaN(xi) ? Number.NaN : xi > 0 ? 1 : 0);
    });
    try {
      for (const simd of ["avx512", "avx2", "sse", "neon", "scalar"]) {
        if (!load.addon.selectSimd(simd)) continue;
        const out = new Float32Array(n);
        load.addon.binaryGrad(1, x, dy, out, n);
        expect(same(out, want), simd).toBe(true);
      }
    } finally {
      load.addon.selectSimd(status.available ? status.simd : "scalar");
    }
  });
});
