import { useBackend } from "@mlp-lab/backend";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type Optimizer, TrainingError, createOptimizer } from "./index.js";

// Reference values: two steps from p = [1, -2] with gradients [0.5, -1] then [0.1, 0.2], worked out
// by hand (in float64) from the update formulas of PyTorch's torch.optim documentation.
const GRADS = [
  [0.5, -1],
  [0.1, 0.2],
];

beforeAll(async () => {
  await useBackend("cpu");
});

function twoSteps(make: (params: Array<[string, tf.Variable]>) => Optimizer): number[] {
  const p = tf.variable(tf.tensor1d([1, -2]));
  const optimizer = make([["p", p]]);
  for (const g of GRADS) tf.tidy(() => optimizer.step({ p: tf.tensor1d(g) }));
  const out = Array.from(p.dataSync());
  optimizer.dispose();
  p.dispose();
  return out;
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
}

describe("optimizers follow PyTorch's formulas", () => {
  it("SGD with momentum: b = g, then b = μb + g; p -= lr·b", () => {
    expectClose(
      twoSteps((ps) => createOptimizer({ kind: "sgd", options: { lr: 0.1, momentum: 0.9 } }, ps)),
      [0.895, -1.83],
    );
  });

  it("SGD with Nesterov momentum: p -= lr·(g + μb)", () => {
    const cfg = { kind: "sgd", options: { lr: 0.1, momentum: 0.9, nesterov: true } };
    expectClose(
      twoSteps((ps) => createOptimizer(cfg, ps)),
      [0.8455, -1.767],
    );
  });

  it("Adam (lr 0.1): bias-corrected moments", () => {
    expectClose(
      twoSteps((ps) => createOptimizer({ kind: "adam", options: { lr: 0.1 } }, ps)),
      [0.8196959063846517, -1.8488973939904945],
    );
  });

  it("Adam with weight decay adds wd·p to the gradient", () => {
    const cfg = { kind: "adam", options: { lr: 0.1, weightDecay: 0.1 } };
    expectClose(
      twoSteps((ps) => createOptimizer(cfg, ps)),
      [0.8136483454297575, -1.8336169077420748],
    );
  });

  it("AdamW decays the weights directly: p *= 1 − lr·wd", () => {
    const cfg = { kind: "adamw", options: { lr: 0.1, weightDecay: 0.1 } };
    expectClose(
      twoSteps((ps) => createOptimizer(cfg, ps)),
      [0.8007959063646517, -1.8100973939804945],
    );
  });

  it("RMSprop (lr 0.01, alpha 0.99)", () => {
    expectClose(
      twoSteps((ps) => createOptimizer({ kind: "rmsprop", options: { lr: 0.01 } }, ps)),
      [0.8802934383202046, -1.9197065936215374],
    );
  });

  it("RMSprop centered with momentum and weight decay", () => {
    const cfg = { kind: "rmsprop", options: { lr: 0.01, momentum: 0.9, centered: true, weightDecay: 0.1 } };
    expectClose(
      twoSteps((ps) => createOptimizer(cfg, ps)),
      [0.7784826402260491, -1.8098886781477577],
    );
  });

  it("clips the global gradient norm like clip_grad_norm_", () => {
    // |[0.5, -1]| = 1.118; clipped to 0.5 the first SGD step moves p by lr·g·0.5/1.118.
    const p = tf.variable(tf.tensor1d([1, -2]));
    const optimizer = createOptimizer({ kind: "sgd", options: { lr: 1, maxGradNorm: 0.5 } }, [["p", p]]);
    tf.tidy(() => optimizer.step({ p: tf.tensor1d([0.5, -1]) }));
    const scale = 0.5 / (Math.sqrt(1.25) + 1e-6);
    expectClose(Array.from(p.dataSync()), [1 - 0.5 * scale, -2 + scale]);
    expect(optimizer.lastGradNorm).toBeCloseTo(Math.sqrt(1.25), 5);
  });

  it("round-trips its config and rejects unknown kinds and options by name", () => {
    const p = tf.variable(tf.tensor1d([1]));
    const adam = createOptimizer({ kind: "adam", options: { lr: 0.002, beta2: 0.99 } }, [["p", p]]);
    expect(adam.getConfig()).toEqual({
      kind: "adam",
      options: { lr: 0.002, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0, amsgrad: false },
    });
    expect(createOptimizer(adam.getConfig(), [["p", p]]).getConfig()).toEqual(adam.getConfig());
    expect(() => createOptimizer({ kind: "adagrad", options: { lr: 1 } }, [])).toThrow(
      /unknown optimizer kind "adagrad"/,
    );
    expect(() => createOptimizer({ kind: "sgd", options: { lr: 1, beta1: 0.9 } }, [])).toThrow(
      /unknown option "beta1"/,
    );
    expect(() => createOptimizer({ kind: "sgd", options: { lr: -1 } }, [])).toThrow(TrainingError);
  });
});
