import type { Module } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { TrainingBatch } from "./batch-source.js";
import { TrainingError } from "./errors.js";
import { featuresOf, gradientStep } from "./gradient-step.js";
import { correctPredictions, nllLoss } from "./loss.js";
import type { Optimizer } from "./optimizer-base.js";
import { type BatchResult, type Stepper, TfjsStepper } from "./stepper.js";

/**
 * tfjs backends that read tensors back to the host only asynchronously. In Node, webgpu's
 * `dataSync` needs `OffscreenCanvas` and fails; in a browser it stalls the GPU.
 */
export const ASYNC_READ_BACKENDS: ReadonlySet<string> = new Set(["webgpu", "webgl"]);

/** A {@link Stepper} whose results (and the model's weights) can also come back asynchronously. */
export interface AsyncReadStepper extends Stepper {
  /** {@link Stepper.trainStep}, its one host read awaited instead of blocking. */
  trainStepAsync(batch: TrainingBatch): Promise<BatchResult>;
  /** {@link Stepper.evalStep}, its one host read awaited instead of blocking. */
  evalStepAsync(batch: TrainingBatch): Promise<BatchResult>;
  /**
   * Read every variable (weights, optimizer slots) back to the host, so that the synchronous
   * reads that follow an epoch (`stateDict()` for checkpoints and the best weights) succeed.
   */
  syncToModelAsync(): Promise<void>;
}

/** True when the loop should await `stepper`'s asynchronous methods. */
export function readsAsync(stepper: Stepper): stepper is AsyncReadStepper {
  const s = stepper as Partial<AsyncReadStepper>;
  return (
    typeof s.trainStepAsync === "function" &&
    typeof s.evalStepAsync === "function" &&
    typeof s.syncToModelAsync === "function"
  );
}

function unpack(values: ArrayLike<number>): BatchResult {
  return { loss: values[0]!, correct: values[1]! };
}

/**
 * The general tfjs path (autodiff through `forward`, then the optimizer's update) for GPU
 * backends: each step's loss and correct count are packed into one two-element tensor on the
 * device and read back once, asynchronously with {@link DeferredReadStepper.trainStepAsync}. The
 * GPU then runs a whole step (forward, backward, update) between two host reads instead of
 * stopping at every read. The formulas are {@link TfjsStepper}'s: the losses are the same.
 */
export class DeferredReadStepper implements AsyncReadStepper {
  private readonly named: Array<[string, tf.Variable]>;

  constructor(
    private readonly model: Module,
    private readonly optimizer: Optimizer,
  ) {
    this.named = model.namedParameters();
    const { options } = optimizer.getConfig();
    if (options.maxGradNorm !== undefined && ASYNC_READ_BACKENDS.has(tf.getBackend())) {
      // clipGradNorm reads the global norm on the host at every step.
      throw new TrainingError(
        "BAD_OPTION",
        `optimizer.maxGradNorm: gradient clipping reads the gradient norm synchronously at every step, which the ${tf.getBackend()} backend cannot do; train without it or on a CPU backend`,
      );
    }
  }

  /** One training step on the device; returns `[loss, correct]` (float32), which the caller disposes. */
  private enqueueTrain(batch: TrainingBatch): tf.Tensor1D {
    const { loss, correct } = gradientStep(this.model, this.named, this.optimizer, batch);
    try {
      return tf.tidy(() => tf.stack([loss, tf.cast(correct, "float32")]) as tf.Tensor1D);
    } finally {
      loss.dispose();
      correct.dispose();
    }
  }

  /** Forward only; returns `[loss, correct]` (float32), which the caller disposes. */
  private enqueueEval(batch: TrainingBatch): tf.Tensor1D {
    return tf.tidy(() => {
      const x = tf.tensor2d(batch.x, [batch.size, featuresOf(batch)]);
      const y = tf.tensor1d(batch.y, "int32");
      const logProbs = this.model.forward(x) as tf.Tensor2D;
      const correct = tf.cast(correctPredictions(logProbs, y), "float32");
      return tf.stack([nllLoss(logProbs, y), correct]) as tf.Tensor1D;
    });
  }

  private static readNow(packed: tf.Tensor1D): BatchResult {
    try {
      return unpack(packed.dataSync());
    } finally {
      packed.dispose();
    }
  }

  private static async readLater(packed: tf.Tensor1D): Promise<BatchResult> {
    try {
      return unpack(await packed.data());
    } finally {
      packed.dispose();
    }
  }

  /** One step with a blocking read (CPU backends); prefer {@link trainStepAsync} on a GPU. */
  trainStep(batch: TrainingBatch): BatchResult {
    return DeferredReadStepper.readNow(this.enqueueTrain(batch));
  }

  /** Forward only, blocking read. */
  evalStep(batch: TrainingBatch): BatchResult {
    return DeferredReadStepper.readNow(this.enqueueEval(batch));
  }

  // async: an error while enqueueing rejects the promise instead of throwing synchronously.
  async trainStepAsync(batch: TrainingBatch): Promise<BatchResult> {
    return DeferredReadStepper.readLater(this.enqueueTrain(batch));
  }

  async evalStepAsync(batch: TrainingBatch): Promise<BatchResult> {
    return DeferredReadStepper.readLater(this.enqueueEval(batch));
  }

  /** The variables already hold the weights; nothing to copy. */
  syncToModel(): void {}

  async syncToModelAsync(): Promise<void> {
    // Every tfjs variable: the model's weights and the optimizer's slots (its momentum or
    // moment buffers are variables too). A completed read caches the values on the host.
    const variables = Object.values(tf.engine().state.registeredVariables);
    await Promise.all(variables.map((v) => v.data()));
  }

  dispose(): void {}
}

/**
 * The general-path stepper for the active backend: {@link DeferredReadStepper} where host reads
 * are asynchronous only (webgpu, webgl), {@link TfjsStepper} elsewhere.
 */
export function generalStepper(model: Module, optimizer: Optimizer): Stepper {
  return ASYNC_READ_BACKENDS.has(tf.getBackend())
    ? new DeferredReadStepper(model, optimizer)
    : new TfjsStepper(model, optimizer);
}
