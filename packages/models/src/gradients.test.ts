import { useBackend } from "@mlp-lab/backend";
import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { ACTIVATIONS, MLP, TwoLayerMLP, dense } from "./index.js";

beforeAll(async () => {
  await useBackend("cpu");
});

/**
 * Compare tfjs's gradient of `f` with central finite differences, element by element, for each
 * input (float32, so the step is 1e-2 and the tolerance 1e-2 relative + 2e-3 absolute).
 */
function checkGradients(f: (...xs: tf.Tensor[]) => tf.Scalar, inputs: tf.Tensor[]): void {
  const analytic = tf
    .grads(f)(inputs)
    .map((g) => Array.from(g.dataSync()));
  const h = 1e-2;
  inputs.forEach((input, which) => {
    const base = Float32Array.from(input.dataSync());
    for (let i = 0; i < base.length; i++) {
      const at = (delta: number) => {
        const moved = Float32Array.from(base);
        moved[i]! += delta;
        const args = inputs.map((t, k) => (k === which ? tf.tensor(moved, t.shape) : t));
        return tf.tidy(() => f(...args).dataSync()[0]!);
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      const g = analytic[which]![i]!;
      expect(Math.abs(g - numeric), `input ${which} element ${i}: ${g} vs ${numeric}`).toBeLessThan(
        2e-3 + 1e-2 * Math.abs(numeric),
      );
    }
  });
}

function randn(rng: Generator, shape: number[], scale = 1): tf.Tensor {
  return tf.tensor(rng.fillNormal(new Float32Array(shape.reduce((a, b) => a * b, 1)), 0, scale), shape);
}

describe("gradients against finite differences", () => {
  const rng = new Generator(11);

  it("dense (x·Wᵀ + b): d/dx, d/dW, d/db", () => {
    const r = randn(rng, [4, 3]);
    checkGradients(
      (x, w, b) =>
        tf.sum(tf.mul(dense(x as tf.Tensor2D, w as tf.Tensor2D, b as tf.Tensor1D), r)) as tf.Scalar,
      [randn(rng, [4, 5]), randn(rng, [3, 5]), randn(rng, [3])],
    );
  });

  for (const activation of ACTIVATIONS) {
    it(`MLP with ${activation} hidden layers and log-softmax output, every parameter`, () => {
      const model = new MLP([3, 4, 3], { activation, rng: new Generator(2) });
      const x = randn(rng, [5, 3]);
      const r = randn(rng, [5, 3]);
      const params = model.parameters();
      const f = (...ps: tf.Tensor[]) => {
        // Evaluate the model at the given parameter values (the checker perturbs copies).
        const saved = params.map((p) => tf.clone(p));
        params.forEach((p, i) => p.assign(ps[i]!));
        const out = tf.sum(tf.mul(model.forward(x), r)) as tf.Scalar;
        params.forEach((p, i) => p.assign(saved[i]!));
        return out;
      };
      const analytic = tf.variableGrads(() => tf.sum(tf.mul(model.forward(x), r)) as tf.Scalar, params);
      const h = 1e-2;
      params.forEach((p, which) => {
        const g = analytic.grads[p.name]!.dataSync();
        const base = Float32Array.from(p.dataSync());
        for (let i = 0; i < base.length; i++) {
          const at = (delta: number) => {
            const moved = Float32Array.from(base);
            moved[i]! += delta;
            return tf.tidy(
              () => f(...params.map((q, k) => (k === which ? tf.tensor(moved, q.shape) : q))).dataSync()[0]!,
            );
          };
          const numeric = (at(h) - at(-h)) / (2 * h);
          expect(Math.abs(g[i]! - numeric), `${p.name}[${i}]`).toBeLessThan(2e-3 + 1e-2 * Math.abs(numeric));
        }
      });
    });
  }

  it("TwoLayerMLP's input gradient", () => {
    const model = new TwoLayerMLP(4, 3, 2, new Generator(4));
    const r = randn(rng, [2, 2]);
    checkGradients((x) => tf.sum(tf.mul(model.forward(x), r)) as tf.Scalar, [randn(rng, [2, 4])]);
  });
});
