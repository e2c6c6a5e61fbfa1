// @vitest-environment node
import { createModel, decodeSafetensors, encodeSafetensors } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { buildModel, predictProbabilities } from "./predict-digit.js";

describe("buildModel + predictProbabilities", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
  });

  it("rebuilds a checkpoint's model from safetensors and gives the same probabilities as the original", () => {
    const modelConfig = { kind: "mlp" as const, layers: [784, 16, 10], activation: "relu" as const };
    const original = createModel(modelConfig, 42);
    const bytes = encodeSafetensors(original.stateDict(), { format: "pt" });
    const model = buildModel({ which: "best", modelConfig, state: decodeSafetensors(bytes).tensors });
    const input = Float32Array.from({ length: 784 }, (_, i) => Math.sin(i));
    const probabilities = predictProbabilities(model, input);
    const expected = tf.tidy(() =>
      Array.from(tf.exp(original.forward(tf.tensor2d(input, [1, 784]))).dataSync()),
    );
    expect(probabilities).toHaveLength(10);
    expect(probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    probabilities.forEach((p, i) => expect(p).toBeCloseTo(expected[i]!, 6));
    // Weights differ from a fresh model with another seed, so loading really happened.
    const fresh = predictProbabilities(createModel(modelConfig, 0).eval(), input);
    expect(fresh).not.toEqual(probabilities);
  });
});
