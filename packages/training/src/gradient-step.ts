import type { Module } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { TrainingBatch } from "./batch-source.js";
import { correctPredictions, nllLoss } from "./loss.js";
import type { Optimizer } from "./optimizer-base.js";

/** Features per sample of a flat batch. */
export function featuresOf(batch: TrainingBatch): number {
  return batch.x.length / batch.size;
}

/** What one {@link gradientStep} leaves on the device: the caller reads and disposes both. */
export interface StepTensors {
  /** Mean NLL loss over the batch (float32 scalar). */
  loss: tf.Scalar;
  /** Rows predicted correctly (int32 scalar). */
  correct: tf.Scalar;
}

/**
 * One step of the general tfjs path, shared by the steppers: forward through `model`, autodiff of the
 * NLL loss with respect to `named`'s variables, and `optimizer.step` with the gradients by parameter
 * name. Every intermediate tensor is released, also when a step throws; the two results are the
 * caller's to dispose (they survive any enclosing `tf.tidy`).
 */
export function gradientStep(
  model: Module,
  named: ReadonlyArray<readonly [string, tf.Variable]>,
  optimizer: Optimizer,
  batch: TrainingBatch,
): StepTensors {
  const vars = named.map(([, v]) => v);
  let correct: tf.Scalar | undefined;
  try {
    const loss = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, featuresOf(batch)]);
      const y = tf.tensor1d(batch.y, "int32");
      const { value, grads } = tf.variableGrads(() => {
        const logProbs = model.forward(x) as tf.Tensor2D;
        // Kept: variableGrads runs this function in its own tidy.
        correct = tf.keep(correctPredictions(logProbs, y));
        return nllLoss(logProbs, y);
      }, vars);
      const byName: Record<string, tf.Tensor> = {};
      for (const [name, v] of named) {
        const g = grads[v.name];
        if (g) byName[name] = g;
      }
      optimizer.step(byName);
      return tf.keep(value);
    });
    return { loss, correct: correct ?? tf.scalar(0, "int32") };
  } catch (error) {
    correct?.dispose();
    throw error;
  }
}
