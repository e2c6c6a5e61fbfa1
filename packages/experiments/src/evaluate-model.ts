import { BatchLoader, type ImageSet } from "@mlp-lab/datasets/web";
import { type ConfusionMatrix, argmaxRows, confusionMatrix } from "@mlp-lab/metrics";
import { type Module, predictProbabilities } from "@mlp-lab/models";
import { ExperimentError } from "./experiment-error.js";

/** A model's outputs on a whole set. */
export interface Evaluation {
  /** Mean negative log-likelihood. */
  loss: number;
  /** Fraction correct. */
  accuracy: number;
  /** True labels, in set order. */
  labels: Int32Array;
  /** Predicted labels. */
  predictions: Int32Array;
  /** `count * classes` probabilities, row per sample. */
  probabilities: Float32Array;
  /** Counts of true x predicted labels. */
  confusion: ConfusionMatrix;
}

/** Class probabilities of already normalised rows (`rows * features` floats): `@mlp-lab/models`' `predictProbabilities`. */
export function modelProbabilities(
  model: Module,
  x: Float32Array,
  rows: number,
  classes: number,
): Float32Array {
  if (rows === 0) return new Float32Array(0);
  model.eval();
  const probs = predictProbabilities(model, x, rows);
  if (probs.length !== rows * classes) {
    throw new ExperimentError(
      "BAD_DATA",
      `the model gives ${probs.length / rows} classes per row, the data set has ${classes}`,
    );
  }
  return probs;
}

/** Run `model` (log-softmax outputs) over every sample of `set`, normalised like training. */
export function evaluateModel(
  model: Module,
  set: ImageSet,
  normalize: { mean: readonly number[]; std: readonly number[] },
): Evaluation {
  const classes = set.classNames.length;
  const loader = new BatchLoader(set, {
    batchSize: 2048,
    normalize: { mean: normalize.mean, std: normalize.std },
  });
  const labels = new Int32Array(set.count);
  const probabilities = new Float32Array(set.count * classes);
  let offset = 0;
  let lossSum = 0;
  for (const batch of loader) {
    const probs = modelProbabilities(model, batch.x, batch.size, classes);
    probabilities.set(probs, offset * classes);
    labels.set(batch.y, offset);
    for (let i = 0; i < batch.size; i++)
      lossSum -= Math.log(Math.max(probs[i * classes + batch.y[i]!]!, 1e-30));
    offset += batch.size;
  }
  const predictions = argmaxRows(probabilities, classes);
  const confusion = confusionMatrix(labels, predictions, classes);
  let correct = 0;
  for (let i = 0; i < set.count; i++) if (labels[i] === predictions[i]) correct++;
  return {
    loss: lossSum / Math.max(1, set.count),
    accuracy: correct / Math.max(1, set.count),
    labels,
    predictions,
    probabilities,
    confusion,
  };
}
