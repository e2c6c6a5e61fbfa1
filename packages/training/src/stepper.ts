import type { Module } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { TrainingBatch } from "./batch-source.js";
import { featuresOf, gradientStep } from "./gradient-step.js";
import { correctPredictions, nllLoss } from "./loss.js";
import type { Optimizer } from "./optimizer-base.js";

/** Result of one batch: mean loss and number of correct predictions. */
export interface BatchResult {
  /** Mean loss over the batch. */
  loss: number;
  /** Rows predicted correctly. */
  correct: number;
}

/** Runs training and evaluation steps; the loop does not care how (tfjs ops, or a fused kernel). */
export interface Stepper {
  /** Forward, backward and optimizer update on one batch. */
  trainStep(batch: TrainingBatch): BatchResult;
  /** Forward only. */
  evalStep(batch: TrainingBatch): BatchResult;
  /** Make the model's variables hold the current weights (a no-op when they already do). */
  syncToModel(): void;
  /** Release what the stepper holds. */
  dispose(): void;
}

/** The general path: tfjs autodiff through the model's `forward`, then the optimizer's update. */
export class TfjsStepper implements Stepper {
  private readonly named: Array<[string, tf.Variable]>;

  constructor(
    private readonly model: Module,
    private readonly optimizer: Optimizer,
  ) {
    this.named = model.namedParameters();
  }

  trainStep(batch: TrainingBatch): BatchResult {
    const { loss, correct } = gradientStep(this.model, this.named, this.optimizer, batch);
    try {
      return { loss: loss.dataSync()[0]!, correct: correct.dataSync()[0]! };
    } finally {
      loss.dispose();
      correct.dispose();
    }
  }

  evalStep(batch: TrainingBatch): BatchResult {
    const [lossT, correctT] = tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, featuresOf(batch)]);
      const y = tf.tensor1d(batch.y, "int32");
      const logProbs = this.model.forward(x) as tf.Tensor2D;
      return [nllLoss(logProbs, y), correctPredictions(logProbs, y)];
    });
    const result = { loss: lossT.dataSync()[0]!, correct: correctT.dataSync()[0]! };
    lossT.dispose();
    correctT.dispose();
    return result;
  }

  syncToModel(): void {}

  dispose(): void {}
}
