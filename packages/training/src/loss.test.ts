import { useBackend } from "@mlp-lab/backend";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { correctPredictions, nllLoss } from "./index.js";

beforeAll(async () => {
  await useBackend("cpu");
});

const LOGITS = [
  [0.2, -1.3, 0.7],
  [1.5, 0.1, -0.4],
  [-0.6, 0.9, 0.3],
];
const LABELS = [2, 0, 0];

/** Cross-entropy of logits through log-softmax and the NLL loss, evaluated in float64 by hand. */
function crossEntropy(logits: number[][]): number {
  let total = 0;
  logits.forEach((row, i) => {
    const lse = Math.log(row.reduce((s, v) => s + Math.exp(v), 0));
    total += lse - row[LABELS[i]!]!;
  });
  return total / logits.length;
}

describe("nllLoss", () => {
  it("is PyTorch's NLLLoss: the mean of −logp[label]", () => {
    const loss = nllLoss(tf.logSoftmax(tf.tensor2d(LOGITS), 1) as tf.Tensor2D, tf.tensor1d(LABELS, "int32"));
    expect(loss.dataSync()[0]).toBeCloseTo(crossEntropy(LOGITS), 5);
  });

  it("has the gradient of its value through log-softmax (finite differences, and (softmax − onehot)/n)", () => {
    const y = tf.tensor1d(LABELS, "int32");
    const grad = tf.grad((z: tf.Tensor) => nllLoss(tf.logSoftmax(z, 1) as tf.Tensor2D, y))(
      tf.tensor2d(LOGITS),
    );
    const g = grad.arraySync() as number[][];
    const h = 1e-5;
    LOGITS.forEach((row, i) =>
      row.forEach((_, j) => {
        const plus = LOGITS.map((r) => r.slice());
        const minus = LOGITS.map((r) => r.slice());
        plus[i]![j]! += h;
        minus[i]![j]! -= h;
        const numeric = (crossEntropy(plus) - crossEntropy(minus)) / (2 * h);
        expect(g[i]![j]).toBeCloseTo(numeric, 5);
        const softmax = Math.exp(row[j]!) / row.reduce((s, v) => s + Math.exp(v), 0);
        expect(g[i]![j]).toBeCloseTo((softmax - (LABELS[i] === j ? 1 : 0)) / LOGITS.length, 5);
      }),
    );
  });

  it("counts correct argmax predictions", () => {
    expect(correctPredictions(tf.tensor2d(LOGITS), tf.tensor1d(LABELS, "int32")).dataSync()[0]).toBe(2);
  });
});
