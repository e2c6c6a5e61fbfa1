import * as tf from "@tensorflow/tfjs-core";
import { ModelError } from "./errors.js";
import type { Module } from "./module.js";

/** Options of {@link predictProbabilities}. */
export interface PredictOptions {
  /** Rows per forward pass (bounds memory on big inputs). Default 2048. */
  batchSize?: number;
}

/**
 * Class probabilities for `rows` already normalised input rows (`rows * features` floats): the exp
 * of the model's log-softmax output, `rows * classes` floats, row by row. Runs in evaluation mode
 * (no dropout) and puts the model back in the mode it was in.
 */
export function predictProbabilities(
  model: Module,
  x: Float32Array,
  rows = 1,
  options: PredictOptions = {},
): Float32Array {
  if (!(x instanceof Float32Array)) {
    throw new ModelError("BAD_OPTION", "predictProbabilities: x must be a Float32Array");
  }
  if (!Number.isInteger(rows) || rows <= 0 || x.length % rows !== 0 || x.length === 0) {
    throw new ModelError(
      "BAD_OPTION",
      `predictProbabilities: rows must be a positive integer dividing x.length (${x.length}), got ${rows}`,
    );
  }
  const batchSize = options.batchSize ?? 2048;
  if (!Number.isInteger(batchSize) || batchSize <= 0) {
    throw new ModelError(
      "BAD_OPTION",
      `predictProbabilities: options.batchSize must be a positive integer, got ${batchSize}`,
    );
  }
  const features = x.length / rows;
  const wasTraining = model.training;
  model.eval();
  try {
    let out: Float32Array | undefined;
    let classes = 0;
    for (let start = 0; start < rows; start += batchSize) {
      const n = Math.min(batchSize, rows - start);
      const probs = tf.tidy(() =>
        tf.exp(
          model.forward(tf.tensor2d(x.subarray(start * features, (start + n) * features), [n, features])),
        ),
      );
      try {
        if (!out) {
          classes = probs.shape[1] ?? 1;
          out = new Float32Array(rows * classes);
        }
        out.set(probs.dataSync() as Float32Array, start * classes);
      } finally {
        probs.dispose();
      }
    }
    return out!;
  } finally {
    if (wasTraining) model.train();
  }
}
