import { useBackend } from "@mlp-lab/backend";
import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import {
  Linear,
  MLP,
  ModelError,
  SoftmaxRegression,
  TwoLayerMLP,
  createModel,
  dense,
  summary,
} from "./index.js";

beforeAll(async () => {
  await useBackend("cpu");
});

describe("Linear", () => {
  it("initialises like PyTorch: uniform in ±1/sqrt(in), weight [out, in]", () => {
    const layer = new Linear(784, 50, new Generator(1));
    expect(layer.weight.shape).toEqual([50, 784]);
    expect(layer.bias.shape).toEqual([50]);
    const w = layer.weight.dataSync() as Float32Array;
    const bound = 1 / Math.sqrt(784);
    expect(Math.max(...w)).toBeLessThanOrEqual(bound);
    expect(Math.min(...w)).toBeGreaterThanOrEqual(-bound);
    // Uniform on ±b has variance b²/3.
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(variance).toBeCloseTo(bound ** 2 / 3, 4);
  });

  it("rejects inputs of the wrong width, naming both shapes", () => {
    const layer = new Linear(3, 2);
    expect(() => layer.forward(tf.zeros([4, 5]))).toThrow(/expects input \[batch, 3\], got \[4,5\]/);
  });

  it("has the gradient of x·Wᵀ+b, checked against tfjs's own autodiff", () => {
    const rng = new Generator(5);
    const x = tf.tensor2d(rng.fillNormal(new Float32Array(7 * 5)), [7, 5]);
    const w = tf.tensor2d(rng.fillNormal(new Float32Array(3 * 5)), [3, 5]);
    const b = tf.tensor1d(rng.fillNormal(new Float32Array(3)));
    const target = tf.tensor2d(rng.fillNormal(new Float32Array(7 * 3)), [7, 3]);
    const loss = (f: (x: tf.Tensor2D, w: tf.Tensor2D, b: tf.Tensor1D) => tf.Tensor) =>
      tf.grads((xx: tf.Tensor, ww: tf.Tensor, bb: tf.Tensor) =>
        tf.sum(tf.mul(f(xx as tf.Tensor2D, ww as tf.Tensor2D, bb as tf.Tensor1D), target)),
      )([x, w, b]);
    const ours = loss(dense);
    const reference = loss((xx, ww, bb) => tf.add(tf.matMul(xx, ww, false, true), bb));
    for (let i = 0; i < 3; i++) {
      const a = ours[i]!.dataSync();
      const r = reference[i]!.dataSync();
      expect(a.length).toBe(r.length);
      a.forEach((v, k) => expect(v).toBeCloseTo(r[k]!, 4));
    }
  });
});

describe("TwoLayerMLP and MLP", () => {
  it("counts the course's 39760 parameters with PyTorch's names and shapes", () => {
    const model = new TwoLayerMLP(784, 50, 10);
    expect(model.parameterCount()).toBe(39760);
    expect(model.namedParameters().map(([n, p]) => `${n} [${p.shape}]`)).toEqual([
      "linear1.weight [50,784]",
      "linear1.bias [50]",
      "linear2.weight [10,50]",
      "linear2.bias [10]",
    ]);
  });

  it("names MLP parameters linears.<i> like the course's nn.ModuleList", () => {
    const model = new MLP([784, 512, 256, 128, 64, 10]);
    expect(model.namedParameters()[8]![0]).toBe("linears.4.weight");
    expect(model.parameterCount()).toBe(575050);
  });

  it("outputs log-probabilities for flattened or image-shaped input", () => {
    const model = new MLP([4, 3, 2], { activation: "tanh" });
    const out = model.forward(tf.ones([5, 2, 2]));
    expect(out.shape).toEqual([5, 2]);
    const sums = tf.sum(tf.exp(out), 1).dataSync();
    for (const s of sums) expect(s).toBeCloseTo(1, 5);
  });

  it("applies dropout only in training mode, reproducibly from the seed", () => {
    const x = tf.ones([2, 8]);
    const a = createModel({ kind: "mlp", layers: [8, 16, 2], dropout: 0.5 }, 3);
    const b = createModel({ kind: "mlp", layers: [8, 16, 2], dropout: 0.5 }, 3);
    expect(Array.from(a.forward(x).dataSync())).toEqual(Array.from(b.forward(x).dataSync()));
    a.eval();
    const e1 = a.forward(x).dataSync();
    const e2 = a.forward(x).dataSync();
    expect(Array.from(e1)).toEqual(Array.from(e2));
  });

  it("rejects bad layer lists", () => {
    expect(() => new MLP([784])).toThrow(ModelError);
    expect(() => new MLP([784, 0, 10])).toThrow(/positive integers/);
  });

  it("gives the same weights for the same seed", () => {
    const a = createModel({ kind: "two-layer", dIn: 6, dHidden: 4, dOut: 3 }, 9).stateDict();
    const b = createModel({ kind: "two-layer", dIn: 6, dHidden: 4, dOut: 3 }, 9).stateDict();
    const c = createModel({ kind: "two-layer", dIn: 6, dHidden: 4, dOut: 3 }, 10).stateDict();
    expect(a["linear1.weight"]!.data).toEqual(b["linear1.weight"]!.data);
    expect(a["linear1.weight"]!.data).not.toEqual(c["linear1.weight"]!.data);
  });
});

describe("state dicts", () => {
  it("round-trips weights and gives identical predictions", () => {
    const a = new MLP([6, 5, 3], { rng: new Generator(1) });
    const b = new MLP([6, 5, 3], { rng: new Generator(2) });
    const x = tf.tensor2d(new Generator(3).fillNormal(new Float32Array(12)), [2, 6]);
    expect(Array.from(a.forward(x).dataSync())).not.toEqual(Array.from(b.forward(x).dataSync()));
    b.loadStateDict(a.stateDict());
    expect(Array.from(b.forward(x).dataSync())).toEqual(Array.from(a.forward(x).dataSync()));
  });

  it("names the key or shape that does not fit", () => {
    const model = new MLP([6, 5, 3]);
    const dict = model.stateDict();
    const { "linears.1.bias": _dropped, ...missing } = dict;
    expect(() => model.loadStateDict(missing)).toThrow(/missing key "linears.1.bias"/);
    expect(() => model.loadStateDict({ ...dict, extra: { shape: [1], data: new Float32Array(1) } })).toThrow(
      /unexpected key "extra"/,
    );
    expect(() =>
      model.loadStateDict({ ...dict, "linears.0.weight": { shape: [6, 5], data: new Float32Array(30) } }),
    ).toThrow(/"linears.0.weight" has shape \[6,5\] in the state dict but \[5,6\]/);
  });
});

describe("summary and SoftmaxRegression", () => {
  it("prints a Keras-style table with output shapes and the course's 575050 parameters", () => {
    const model = new MLP([784, 512, 256, 128, 64, 10]);
    const s = summary(model);
    expect(s.rows.map((r) => [r.name, r.outputShape, r.params])).toEqual([
      ["linears.0", [-1, 512], 401920],
      ["linears.1", [-1, 256], 131328],
      ["linears.2", [-1, 128], 32896],
      ["linears.3", [-1, 64], 8256],
      ["linears.4", [-1, 10], 650],
    ]);
    expect(s.totalParams).toBe(575050);
    expect(model.summary()).toContain("Total params: 575,050");
    expect(model.summary()).toMatch(/linears\.0 \(Linear\) +\[-1, 512\] +401,920/);
  });

  it("softmax regression is one Linear layer with PyTorch's names", () => {
    const model = createModel({ kind: "softmax", dIn: 784, dOut: 10 }, 1);
    expect(model).toBeInstanceOf(SoftmaxRegression);
    expect(model.namedParameters().map(([n]) => n)).toEqual(["linears.0.weight", "linears.0.bias"]);
    expect(summary(model, [32, 784]).rows[0]!.outputShape).toEqual([32, 10]);
  });
});
