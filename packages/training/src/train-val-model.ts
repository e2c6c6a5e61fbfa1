import { MeanAccumulator } from "@mlp-lab/metrics";
import type { Module, StateDict } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { BatchSource } from "./batch-source.js";
import { formatEpoch, formatSummary } from "./course-log.js";
import { EarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";
import { TrainingError } from "./errors.js";
import { type EpochRecord, type PhaseMetrics, type TrainingHistory, emptyHistory } from "./history.js";
import { type CreateStepperOptions, createStepper } from "./native-stepper.js";
import type { Optimizer } from "./optimizer-base.js";
import type { Stepper } from "./stepper.js";

/** Hooks into the loop, Keras-style. Every hook is optional. */
export interface TrainingCallbacks {
  /** Before the first epoch of this call. */
  onTrainBegin?(): void;
  /** Before each epoch. */
  onEpochBegin?(epoch: number): void;
  /** After each training batch. */
  onBatchEnd?(info: { epoch: number; step: number; steps: number; loss: number; samples: number }): void;
  /**
   * After each epoch, once the history holds it; the model holds the epoch's weights. Return
   * `"stop"` to end training (early stopping). May be async (to write a checkpoint).
   */
  onEpochEnd?(
    record: EpochRecord,
    history: TrainingHistory,
  ): undefined | "stop" | Promise<undefined | "stop">;
  /** After the last epoch (or a stop), before the best weights are restored. */
  onTrainEnd?(history: TrainingHistory): void;
}

/** A learning-rate schedule stepped once per epoch, after the epoch's phases. */
export interface EpochScheduler {
  /** Update `optimizer.lr` given the finished epoch. */
  step(record: EpochRecord): void;
}

/** Options of {@link trainValModel}. */
export interface TrainValOptions {
  /** Optimizer over the model's parameters. */
  optimizer: Optimizer;
  /** Training batches (shuffled by the source). */
  train: BatchSource;
  /** Validation batches; omit to train without a validation phase. */
  val?: BatchSource;
  /** Epochs to run in this call. */
  epochs: number;
  /** Number of the first epoch (a resumed run continues its count). Default: after `history`. */
  startEpoch?: number;
  /** Last epoch number printed in "Epoch i/N" headers. Default: the last epoch of this call. */
  lastEpoch?: number;
  /** Print the course's lines every `logInterval` epochs; null or 0 for none. Default 1. */
  logInterval?: number | null;
  /** Where lines go. Default `console.log`. */
  log?: (line: string) => void;
  /** Load the best-validation-accuracy weights at the end, like the course. Default true. */
  restoreBest?: boolean;
  /** History of earlier epochs (when resuming): best accuracy and records continue from it. */
  history?: TrainingHistory;
  /** Weights of the best epoch so far (when resuming), restored at the end if still the best. */
  bestState?: StateDict;
  /** Loop hooks. */
  callbacks?: TrainingCallbacks;
  /** Learning-rate schedule. */
  scheduler?: EpochScheduler;
  /** Abort at the next batch boundary (Ctrl-C); the interrupted epoch is not recorded. */
  signal?: AbortSignal;
  /** How steps run; default {@link createStepper}'s choice (fused native step where possible). */
  stepper?: Stepper;
  /**
   * With no `stepper`: `true` requires the fused native step, `false` forbids it, unset (default)
   * uses it where it applies. See {@link CreateStepperOptions.fused}.
   */
  fused?: boolean;
  /**
   * Stop when a monitored quantity stops improving (Keras' `EarlyStopping`); with its
   * `restoreBest`, the weights of the best monitored epoch are loaded at the end instead of
   * those of the best validation accuracy.
   */
  earlyStopping?: EarlyStoppingOptions | EarlyStopping;
}

/** What {@link trainValModel} returns. */
export interface TrainValResult {
  /** Every epoch, earlier ones included when resuming. */
  history: TrainingHistory;
  /** Weights at the best validation accuracy (or the last epoch without validation). */
  bestState: StateDict | undefined;
  /** Wall time of this call. */
  seconds: number;
  /** Why the loop ended. */
  stoppedBy: "completed" | "callback" | "signal" | "early-stopping";
  /** The early-stopping tracker, when one was given: best value and epoch, stopped epoch. */
  earlyStopping?: EarlyStopping;
}

function runPhase(
  source: BatchSource,
  step: (b: Parameters<Stepper["trainStep"]>[0]) => { loss: number; correct: number },
  onBatch: (stepIndex: number, loss: number, samples: number) => void,
  signal: AbortSignal | undefined,
): PhaseMetrics | undefined {
  const started = performance.now();
  const loss = new MeanAccumulator();
  let correct = 0;
  let stepIndex = 0;
  for (const batch of source) {
    if (signal?.aborted) return undefined;
    const r = step(batch);
    loss.add(r.loss, batch.size);
    correct += r.correct;
    onBatch(stepIndex++, r.loss, loss.samples);
  }
  if (loss.samples === 0)
    throw new TrainingError("EMPTY_DATA", "a data source produced no batch in an epoch");
  return {
    loss: loss.mean,
    accuracy: correct / loss.samples,
    samples: loss.samples,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The course's `train_val_model`, grown up: for each epoch a training phase then a validation
 * phase, the course's log lines, a history of loss and accuracy, the best-validation weights
 * restored at the end, callbacks, a scheduler, and a clear stop on a NaN or infinite loss.
 */
export async function trainValModel(model: Module, options: TrainValOptions): Promise<TrainValResult> {
  const { optimizer, train, val, epochs } = options;
  if (!Number.isInteger(epochs) || epochs < 0) {
    throw new TrainingError("BAD_OPTION", `epochs must be a non-negative integer, got ${epochs}`);
  }
  const history = options.history ? structuredClone(options.history) : emptyHistory();
  const first = options.startEpoch ?? history.epochs.length;
  const lastEpoch = options.lastEpoch ?? first + epochs - 1;
  const logInterval = options.logInterval === undefined ? 1 : options.logInterval;
  const log = options.log ?? ((line: string) => console.log(line));
  const callbacks = options.callbacks ?? {};
  const stepper =
    options.stepper ??
    (await createStepper(model, optimizer, options.fused === undefined ? {} : { fused: options.fused }));
  const steps = Math.ceil(train.numSamples / Math.max(1, firstBatchSizeHint(train)));
  let bestState = options.bestState;
  const early =
    options.earlyStopping === undefined
      ? undefined
      : options.earlyStopping instanceof EarlyStopping
        ? options.earlyStopping
        : new EarlyStopping(options.earlyStopping);
  let stoppedBy: TrainValResult["stoppedBy"] = "completed";
  const since = performance.now();

  callbacks.onTrainBegin?.();
  for (let epoch = first; epoch < first + epochs; epoch++) {
    callbacks.onEpochBegin?.(epoch);
    const lr = optimizer.lr;
    model.train();
    const trainMetrics = runPhase(
      train,
      (b) => stepper.trainStep(b),
      (stepIndex, loss, samples) => {
        if (!Number.isFinite(loss)) {
          throw new TrainingError(
            "NON_FINITE_LOSS",
            `loss became ${loss} at epoch ${epoch}, step ${stepIndex}: training stopped (lower the learning rate?); the last saved checkpoint is untouched`,
          );
        }
        callbacks.onBatchEnd?.({ epoch, step: stepIndex, steps, loss, samples });
      },
      options.signal,
    );
    if (!trainMetrics) {
      stoppedBy = "signal";
      break;
    }
    model.eval();
    let valMetrics: PhaseMetrics | undefined;
    if (val) {
      valMetrics = runPhase(
        val,
        (b) => stepper.evalStep(b),
        () => {},
        options.signal,
      );
      if (!valMetrics) {
        stoppedBy = "signal";
        break;
      }
    }
    stepper.syncToModel();
    const record: EpochRecord = {
      epoch,
      train: trainMetrics,
      ...(valMetrics ? { val: valMetrics } : {}),
      lr,
      numTensors: tf.memory().numTensors,
      rssBytes: process.memoryUsage().rss,
    };
    history.epochs.push(record);
    // Like the course: a strictly better validation accuracy makes a new best; without
    // validation data the latest epoch is the best we know.
    if (!valMetrics || valMetrics.accuracy > history.bestValAccuracy) {
      if (valMetrics) history.bestValAccuracy = valMetrics.accuracy;
      history.bestEpoch = epoch;
      bestState = model.stateDict();
    }
    if (logInterval && (epoch - first) % logInterval === 0)
      for (const line of formatEpoch(record, lastEpoch)) log(line);
    options.scheduler?.step(record);
    if ((await callbacks.onEpochEnd?.(record, history)) === "stop") {
      stoppedBy = "callback";
      break;
    }
    if (early?.update(record, () => model.stateDict())) {
      stoppedBy = "early-stopping";
      if (logInterval) {
        log(
          `Early stopping at epoch ${epoch}: ${early.monitor} has not improved for ${early.wait} epochs (best ${early.best.toFixed(4)} at epoch ${early.bestEpoch})`,
        );
      }
      break;
    }
  }
  const seconds = (performance.now() - since) / 1000;
  callbacks.onTrainEnd?.(history);
  // An interrupted run is not "complete": its caller reports the interruption instead.
  if (logInterval && stoppedBy !== "signal") {
    for (const line of formatSummary(seconds, history.bestValAccuracy)) log(line);
  }
  if (early?.restoreBest && early.bestState) {
    model.loadStateDict(early.bestState);
    bestState = early.bestState;
  } else if ((options.restoreBest ?? true) && bestState) {
    model.loadStateDict(bestState);
  }
  if (!options.stepper) stepper.dispose();
  return { history, bestState, seconds, stoppedBy, ...(early ? { earlyStopping: early } : {}) };
}

function firstBatchSizeHint(source: BatchSource): number {
  const withSize = source as { batchSize?: number };
  return typeof withSize.batchSize === "number" ? withSize.batchSize : source.numSamples;
}
