import { type Module, createModel } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { RunCheckpoint } from "./run-checkpoint.js";

/** Rebuild the checkpoint's model with its weights, in evaluation mode (no dropout). */
export function buildModel(checkpoint: RunCheckpoint): Module {
  const model = createModel(checkpoint.modelConfig, 0);
  model.loadStateDict(checkpoint.state);
  return model.eval();
}

/** Class probabilities for one input vector: the exp of the model's log-softmax output. */
export function predictProbabilities(model: Module, input: Float32Array): number[] {
  const probs = tf.tidy(() => tf.exp(model.forward(tf.tensor2d(input, [1, input.length]))));
  const values = Array.from(probs.dataSync());
  probs.dispose();
  return values;
}
