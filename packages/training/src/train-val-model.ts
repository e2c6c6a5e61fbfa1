import { MeanAccumulator } from "@mlp-lab/metrics";
import type { Module, StateDict } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { BatchSource } from "./batch-source.js";
import { formatEpoch, formatSummary } from "./course-log.js";
import { readsAsync } from "./deferred-read-stepper.js";
import { EarlyStopping, type EarlyStoppingOptions } from "./early-stopping.js";
import { TrainingError } from "./errors.js";
import { type EpochRecord, type PhaseMetrics, type TrainingHistory, emptyHistory } from "./history.js";
import { type CreateStepperOptions, createStepper } from "./native-stepper.js";
import type { Optimizer } from "./optimizer-base.js";
import type { Stepper } from "./stepper.js";
import {
  optionalBoolean,
  optionalFunction,
  optionalNumber,
  requireObject,
  requireStateDict,
} from "./validate-options.js";

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

// Async so that a GPU stepper's one read per step is awaited, not blocked on (readsAsync).
async function runPhase(
  source: BatchSource,
  step: (
    b: Parameters<Stepper["trainStep"]>[0],
  ) => { loss: number; correct: number } | Promise<{ loss: number; correct: number }>,
  onBatch: (stepIndex: number, loss: number, samples: number) => void,
  signal: AbortSignal | undefined,
): Promise<PhaseMetrics | undefined> {
  const started = performance.now();
  const loss = new MeanAccumulator();
  let correct = 0;
  let stepIndex = 0;
  for (const batch of source) {
    if (signal?.aborted) return undefined;
    const r = await step(batch);
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
  checkTrainValOptions(options);
  const { optimizer, train, val, epochs } = options;
  const history = options.history ? structuredClone(options.history) : emptyHistory();
  const first = options.startEpoch ?? history.epochs.length;
  const lastEpoch = options.lastEpoch ?? first + epochs - 1;
  const logInterval = options.logInterval === undefined ? 1 : options.logInterval;
  const log = options.log ?? ((line: string) => console.log(line));
  const callbacks = options.callbacks ?? {};
  const steps = Math.ceil(train.numSamples / Math.max(1, firstBatchSizeHint(train)));
  let bestState = options.bestState;
  const early =
    options.earlyStopping === undefined
      ? undefined
      : options.earlyStopping instanceof EarlyStopping
        ? options.earlyStopping
        : new EarlyStopping(options.earlyStopping);
  // Created last: nothing that can throw comes between it and the try/finally that disposes it.
  const stepper =
    options.stepper ??
    (await createStepper(model, optimizer, options.fused === undefined ? {} : { fused: options.fused }));
  let stoppedBy: TrainValResult["stoppedBy"] = "completed";
  const since = performance.now();

  // Everything after the stepper exists runs under try/finally: a NaN loss, a failing callback or
  // an abort must not leave the stepper's memory (native buffers) behind.
  try {
    callbacks.onTrainBegin?.();
    for (let epoch = first; epoch < first + epochs; epoch++) {
      callbacks.onEpochBegin?.(epoch);
      const lr = optimizer.lr;
      model.train();
      const trainMetrics = await runPhase(
        train,
        (b) => (readsAsync(stepper) ? stepper.trainStepAsync(b) : stepper.trainStep(b)),
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
        valMetrics = await runPhase(
          val,
          (b) => (readsAsync(stepper) ? stepper.evalStepAsync(b) : stepper.evalStep(b)),
          () => {},
          options.signal,
        );
        if (!valMetrics) {
          stoppedBy = "signal";
          break;
        }
      }
      if (readsAsync(stepper)) await stepper.syncToModelAsync();
      else stepper.syncToModel();
      const record: EpochRecord = {
        epoch,
        train: trainMetrics,
        ...(valMetrics ? { val: valMetrics } : {}),
        lr,
        numTensors: tf.memory().numTensors,
        rssBytes: residentSetBytes(),
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
    return { history, bestState, seconds, stoppedBy, ...(early ? { earlyStopping: early } : {}) };
  } finally {
    if (!options.stepper) stepper.dispose();
  }
}

const FN = "trainValModel";

/** Check every option's type and range before anything is allocated. */
function checkTrainValOptions(options: TrainValOptions): void {
  requireObject(FN, "options", options);
  const o = options as unknown as Record<string, unknown>;
  const optimizer = o.optimizer as { step?: unknown; lr?: unknown } | undefined;
  requireObject(FN, "options.optimizer", optimizer);
  if (typeof optimizer.step !== "function" || typeof optimizer.lr !== "number") {
    throw new TrainingError("BAD_OPTION", `${FN}: options.optimizer must be an Optimizer (step() and lr)`);
  }
  for (const field of ["train", "val"] as const) {
    const source = o[field] as { numSamples?: unknown; [Symbol.iterator]?: unknown } | undefined;
    if (field === "val" && source === undefined) continue;
    requireObject(FN, `options.${field}`, source);
    if (typeof source[Symbol.iterator] !== "function" || typeof source.numSamples !== "number") {
      throw new TrainingError(
        "BAD_OPTION",
        `${FN}: options.${field} must be a BatchSource (iterable of batches with numSamples)`,
      );
    }
  }
  if (o.epochs === undefined) throw new TrainingError("BAD_OPTION", `${FN}: options.epochs is required`);
  optionalNumber(FN, "options.epochs", o.epochs, { integer: true, min: 0 });
  optionalNumber(FN, "options.startEpoch", o.startEpoch, { integer: true, min: 0 });
  optionalNumber(FN, "options.lastEpoch", o.lastEpoch, { integer: true, min: 0 });
  if (o.logInterval !== null)
    optionalNumber(FN, "options.logInterval", o.logInterval, { integer: true, min: 0 });
  optionalFunction(FN, "options.log", o.log);
  optionalBoolean(FN, "options.restoreBest", o.restoreBest);
  optionalBoolean(FN, "options.fused", o.fused);
  if (o.history !== undefined) {
    requireObject(FN, "options.history", o.history);
    if (!Array.isArray((o.history as { epochs?: unknown }).epochs)) {
      throw new TrainingError("BAD_OPTION", `${FN}: options.history.epochs must be an array`);
    }
  }
  if (o.bestState !== undefined) requireStateDict(FN, "options.bestState", o.bestState);
  if (o.callbacks !== undefined) {
    requireObject(FN, "options.callbacks", o.callbacks);
    for (const [name, hook] of Object.entries(o.callbacks))
      optionalFunction(FN, `options.callbacks.${name}`, hook);
  }
  if (o.scheduler !== undefined) {
    requireObject(FN, "options.scheduler", o.scheduler);
    optionalFunction(FN, "options.scheduler.step", (o.scheduler as { step?: unknown }).step);
  }
  if (o.signal !== undefined) {
    requireObject(FN, "options.signal", o.signal);
    if (typeof (o.signal as { aborted?: unknown }).aborted !== "boolean") {
      throw new TrainingError("BAD_OPTION", `${FN}: options.signal must be an AbortSignal`);
    }
  }
  if (o.stepper !== undefined) {
    requireObject(FN, "options.stepper", o.stepper);
    const stepper = o.stepper as Partial<Record<keyof Stepper, unknown>>;
    for (const method of ["trainStep", "evalStep", "syncToModel", "dispose"] as const) {
      if (typeof stepper[method] !== "function") {
        throw new TrainingError("BAD_OPTION", `${FN}: options.stepper.${method} must be a function`);
      }
    }
  }
  if (o.earlyStopping !== undefined) requireObject(FN, "options.earlyStopping", o.earlyStopping);
}

/** The process's resident memory in Node; 0 where there is no such figure (browsers). */
function residentSetBytes(): number {
  const proc = (globalThis as { process?: { memoryUsage?: () => { rss: number } } }).process;
  return typeof proc?.memoryUsage === "function" ? proc.memoryUsage().rss : 0;
}

function firstBatchSizeHint(source: BatchSource): number {
  const withSize = source as { batchSize?: number };
  return typeof withSize.batchSize === "number" ? withSize.batchSize : source.numSamples;
}
