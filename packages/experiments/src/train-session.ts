import { BatchLoader, type BatchLoaderState } from "@mlp-lab/datasets/web";
import { createModel } from "@mlp-lab/models";
import type { BackendInfo } from "@mlp-lab/runs/schema";
import {
  type BatchSource,
  type Checkpoint,
  EarlyStopping,
  type EpochRecord,
  type OptimizerConfig,
  type SchedulerConfig,
  type TrainingHistory,
  createOptimizer,
  createScheduler,
  trainValModel,
} from "@mlp-lab/training";
import * as tf from "@tensorflow/tfjs-core";
import packageJson from "../package.json" with { type: "json" };
import type { ExperimentEvent, ExperimentListener, ExperimentResult } from "./events.js";
import type { ExperimentConfig } from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";
import type { ExperimentData } from "./experiment-sets.js";
import { modelConfigOf, optimizerConfigOf, schedulerConfigOf } from "./library-configs.js";
import type { OpenRunSink, RunSink, SessionMetricsLine } from "./run-sink.js";
import { valArtifacts } from "./val-artifacts.js";

// One training session, wherever it runs (Node or a browser worker): the loop, the checkpoint policy,
// the validation artifacts and the run's status, written through a RunSink (run-sink.ts). Nothing here
// touches files, processes or Node built-ins.

/** Version of this package, recorded in run.json's `packages`. */
export const EXPERIMENTS_VERSION: string = packageJson.version;

/** Options shared by {@link runExperiment} and {@link resumeExperiment}. */
export interface SessionOptions {
  /** Stop at the next batch boundary: the run is marked `interrupted` and keeps its last finished epoch. */
  signal?: AbortSignal;
  /** Progress events. */
  onEvent?: ExperimentListener;
  /** Also write the last checkpoint to this folder after each epoch (the course's `models/mod-<Model>`). */
  saveCheckpointTo?: string;
  /** Package name → version of the caller, added to run.json's `packages` (e.g. `{ "@mlp-lab/cli": "0.2.0" }`). */
  packages?: Record<string, string>;
}

/** A training loader wrapped by the environment (e.g. batches prepared on another thread), closed at the end. */
export type WrappedTrainSource = BatchSource & { close?(): Promise<void> };

/** What the environment running a session provides besides the run sink. */
export interface SessionEnvironment {
  /** The tensor backend as run.json records it. */
  backend: BackendInfo;
  /** Runs before the validation artifacts' forward passes (e.g. switch to a backend that reads back synchronously). */
  beforeArtifacts?: () => Promise<void>;
  /** Wrap the training loader; the same batches must come out in the same order. */
  wrapTrainLoader?: (loader: BatchLoader, warn: (message: string) => void) => WrappedTrainSource;
}

/** Where a session starts from. */
export type SessionStart =
  | { kind: "new" }
  /** A new run from a checkpoint's weights (and epoch count); the optimizer starts afresh. */
  | { kind: "checkpoint"; checkpoint: Checkpoint }
  /** An earlier run continued exactly from its `last` checkpoint. */
  | { kind: "run"; last: Checkpoint | undefined; best: Checkpoint | undefined; doneEpochs: number };

/** Emit to a listener; a listener's own bug never stops training. */
export function emitter(listener: ExperimentListener | undefined): (event: ExperimentEvent) => void {
  return (event) => {
    try {
      listener?.(event);
    } catch {
      // The listener's problem: training and the run store carry on.
    }
  };
}

/**
 * Train `epochs` epochs of `config` into a run (new, from a checkpoint's weights, or continued): the
 * loop, the `last`/`best` checkpoints (metrics lines first, then the checkpoint), the validation
 * artifacts, and the run's final status, all written through the sink `openSink` opens.
 * `config.epochs` is the run's total.
 */
export async function trainSession(
  config: ExperimentConfig,
  data: ExperimentData,
  env: SessionEnvironment,
  start: SessionStart,
  epochs: number,
  openSink: OpenRunSink,
  options: SessionOptions,
): Promise<ExperimentResult> {
  const emit = emitter(options.onEvent);
  if (config.batchSize > data.train.count) {
    throw new ExperimentError(
      "BAD_DATA",
      `batchSize ${config.batchSize} is larger than the training set (${data.train.count} samples)`,
      "batchSize",
    );
  }
  const normalize = {
    mean: [...(config.normalize?.mean ?? data.info.mean)],
    std: [...(config.normalize?.std ?? data.info.std)],
  };
  const trainLoader = new BatchLoader(data.train, {
    batchSize: config.batchSize,
    shuffle: true,
    seed: config.seed,
    normalize,
    ...(config.data.augment ? { augment: true } : {}),
  });
  const valLoader = new BatchLoader(data.val, { batchSize: config.valBatchSize, normalize });

  const resumed = start.kind === "run" ? start : undefined;
  const from = start.kind === "run" ? start.last : start.kind === "checkpoint" ? start.checkpoint : undefined;
  const trainer = from?.trainer;
  const modelConfig =
    trainer?.modelConfig ?? modelConfigOf(config.model, trainLoader.features, data.info.classNames.length);
  // A continued run keeps the optimizer and schedule it started with (their defaults may depend on epochs).
  const optimizerConfig: OptimizerConfig =
    (resumed && trainer?.optimizerConfig) || optimizerConfigOf(config.optimizer);
  const schedulerConfig =
    (resumed && (trainer?.schedulerConfig as SchedulerConfig | undefined)) ||
    schedulerConfigOf(config.scheduler);
  const model = createModel(modelConfig, config.seed);
  const optimizer = createOptimizer(optimizerConfig, model.namedParameters());
  let history: TrainingHistory | undefined;
  if (from) {
    model.loadStateDict(from.model);
    if (resumed && from.optimizer) optimizer.loadStateDict(from.optimizer);
    if (resumed && trainer?.loaderState) trainLoader.loadStateDict(trainer.loaderState as BatchLoaderState);
    history = trainer?.history;
  }
  const doneEpochs = resumed?.doneEpochs ?? history?.epochs.length ?? 0;
  const scheduler = schedulerConfig ? createScheduler(schedulerConfig, optimizer) : undefined;
  if (scheduler && resumed && trainer?.schedulerState) scheduler.loadStateDict(trainer.schedulerState);
  const stopper = config.earlyStopping ? new EarlyStopping(config.earlyStopping) : undefined;
  // Replaying the earlier epochs gives a resumed run the same patience count as an uninterrupted one.
  if (stopper && history) for (const e of history.epochs) stopper.update(e, () => ({}));

  const stored: ExperimentConfig = { ...config, normalize, epochs: doneEpochs + epochs };
  // The run is created or reopened only now that data and checkpoint have loaded: a failure above leaves it as it was.
  let run: RunSink;
  try {
    run = await openSink({
      config: stored,
      dataset: data.record,
      backend: env.backend,
      packages: {
        "@mlp-lab/experiments": EXPERIMENTS_VERSION,
        ...options.packages,
        "@tensorflow/tfjs-core": tf.version_core,
      },
      parameters: model.parameterCount(),
      ...(resumed ? { resumeFromEpoch: doneEpochs > 0 ? doneEpochs - 1 : null } : {}),
    });
  } catch (error) {
    model.dispose();
    optimizer.dispose();
    throw error;
  }
  emit({
    type: "run-started",
    runId: run.id,
    runDir: run.location,
    resumed: start.kind === "new" ? null : start.kind,
    startEpoch: doneEpochs,
    epochs,
    parameters: model.parameterCount(),
    parameterShapes: model.namedParameters().map(([name, p]) => [name, p.shape.slice()]),
    modelSummary: model.summary(),
  });

  const checkpointOf = (record: EpochRecord, h: TrainingHistory): Checkpoint => ({
    model: model.stateDict(),
    optimizer: optimizer.stateDict(),
    trainer: {
      version: 1,
      epoch: record.epoch + 1,
      modelConfig,
      optimizerConfig,
      ...(schedulerConfig && scheduler ? { schedulerConfig, schedulerState: scheduler.stateDict() } : {}),
      history: h,
      loaderState: trainLoader.stateDict(),
      config: { dataset: config.dataset, seed: config.seed, batchSize: config.batchSize, runId: run.id },
      savedAt: new Date().toISOString(),
    },
  });

  const trainSource: WrappedTrainSource =
    env.wrapTrainLoader?.(trainLoader, (message) => emit({ type: "warning", message })) ?? trainLoader;
  try {
    const bestState =
      resumed?.best?.model ?? (start.kind === "checkpoint" ? start.checkpoint.model : undefined);
    const result = await trainValModel(model, {
      optimizer,
      train: trainSource,
      val: valLoader,
      epochs,
      startEpoch: doneEpochs,
      lastEpoch: doneEpochs + epochs - 1,
      logInterval: config.logInterval,
      ...(config.fused === undefined ? {} : { fused: config.fused }),
      log: (line) => emit({ type: "log", line }),
      ...(history ? { history } : {}),
      ...(bestState ? { bestState } : {}),
      ...(scheduler ? { scheduler } : {}),
      ...(stopper ? { earlyStopping: stopper } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      callbacks: {
        onEpochBegin: (epoch) => emit({ type: "epoch-begin", epoch }),
        onBatchEnd: (info) => emit({ type: "batch", ...info }),
        onEpochEnd: async (record, h) => {
          const line = (phase: "train" | "val", m: EpochRecord["train"]): SessionMetricsLine => ({
            epoch: record.epoch,
            phase,
            loss: m.loss,
            accuracy: m.accuracy,
            lr: record.lr,
            seconds: m.seconds,
            samples: m.samples,
          });
          const saved = await run.commitEpoch({
            epoch: record.epoch,
            lines: record.val
              ? [line("train", record.train), line("val", record.val)]
              : [line("train", record.train)],
            checkpoint: checkpointOf(record, h),
            bestInHistory: h.bestEpoch === record.epoch,
          });
          for (const s of saved)
            emit({ type: "checkpoint-saved", kind: s.kind, path: s.path, epoch: record.epoch });
          emit({ type: "epoch-end", record });
          return undefined;
        },
      },
    });
    const summary: Omit<ExperimentResult, "status"> = {
      runId: run.id,
      runDir: run.location,
      modelConfig,
      parameters: model.parameterCount(),
      bestValAccuracy: result.history.bestEpoch >= 0 ? result.history.bestValAccuracy : null,
      bestEpoch: result.history.bestEpoch >= 0 ? result.history.bestEpoch : null,
      lastEpoch: result.history.epochs.at(-1)?.epoch ?? null,
      epochsRun: result.history.epochs.length - doneEpochs,
      seconds: result.seconds,
      stoppedEarly: result.stoppedBy === "early-stopping",
      backend: env.backend.name,
      history: result.history.epochs.map((e) => ({
        epoch: e.epoch,
        train: e.train,
        ...(e.val ? { val: e.val } : {}),
        lr: e.lr,
      })),
    };
    if (result.stoppedBy === "signal") {
      await run.interrupt();
      const interrupted = { ...summary, status: "interrupted" as const };
      emit({ type: "finished", status: "interrupted", result: interrupted });
      return interrupted;
    }
    // The model now holds the best-validation weights, like the course's train_val_model.
    await env.beforeArtifacts?.();
    await run.writeArtifacts(valArtifacts(model, data, normalize));
    await run.complete({ parameters: model.parameterCount() });
    const completed = { ...summary, status: "completed" as const };
    emit({ type: "finished", status: "completed", result: completed });
    return completed;
  } catch (error) {
    await run.fail(error);
    emit({ type: "finished", status: "failed", error: (error as Error).message });
    throw error;
  } finally {
    await run.close();
    model.dispose();
    optimizer.dispose();
    if (trainSource !== trainLoader) await trainSource.close?.();
  }
}
