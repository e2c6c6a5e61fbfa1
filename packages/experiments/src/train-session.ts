import { type BackendDescription, useHostReadableBackend } from "@mlp-lab/backend";
import { BatchLoader, type BatchLoaderState } from "@mlp-lab/datasets";
import { createModel } from "@mlp-lab/models";
import { type RunHandle, createRun, resumeRun } from "@mlp-lab/runs";
import {
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
import { saveCheckpoint } from "@mlp-lab/training/node";
import * as tf from "@tensorflow/tfjs-core";
import packageJson from "../package.json" with { type: "json" };
import type { ExperimentEvent, ExperimentListener, ExperimentResult } from "./events.js";
import type { ExperimentConfig } from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";
import { modelConfigOf, optimizerConfigOf, schedulerConfigOf } from "./library-configs.js";
import type { ExperimentData } from "./load-experiment-data.js";
import { writeValArtifacts } from "./val-artifacts.js";

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

/** Where a session starts from. */
export type SessionStart =
  | { kind: "new"; runsDir: string; name?: string; tags?: string[] }
  | { kind: "checkpoint"; runsDir: string; name?: string; tags?: string[]; checkpoint: Checkpoint }
  | {
      kind: "run";
      runsDir: string;
      id: string;
      last: Checkpoint | undefined;
      best: Checkpoint | undefined;
      doneEpochs: number;
    };

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

function backendRecord(b: BackendDescription) {
  return {
    name: b.name,
    version: b.tfjsVersion,
    threads: Math.max(1, b.threads),
    simd: b.simd !== "none",
    device: b.device,
  };
}

/**
 * Train `epochs` epochs of `config` into a run (new, from a checkpoint's weights, or continued): the
 * loop, the `last`/`best` checkpoints (checkpoint first, then its metrics lines), the validation
 * artifacts, and the run's final status. `config.epochs` is the run's total.
 */
export async function trainSession(
  config: ExperimentConfig,
  data: ExperimentData,
  backend: BackendDescription,
  start: SessionStart,
  epochs: number,
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
  let run: RunHandle;
  if (start.kind === "run") {
    run = resumeRun(start.runsDir, start.id, { fromEpoch: doneEpochs > 0 ? doneEpochs - 1 : null });
    run.update({ config: stored, backend: backendRecord(backend), dataset: data.record });
  } else {
    run = createRun(start.runsDir, {
      ...(start.name ? { name: start.name } : {}),
      config: stored,
      dataset: data.record,
      packages: {
        "@mlp-lab/experiments": EXPERIMENTS_VERSION,
        ...options.packages,
        "@tensorflow/tfjs-core": tf.version_core,
        node: process.version,
      },
      backend: backendRecord(backend),
      ...(start.tags ? { tags: start.tags } : {}),
    });
  }
  emit({
    type: "run-started",
    runId: run.id,
    runDir: run.dir,
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
  const save = async (
    kind: "last" | "best" | "extra",
    path: string,
    checkpoint: Checkpoint,
    epoch: number,
  ) => {
    await saveCheckpoint(path, checkpoint);
    emit({ type: "checkpoint-saved", kind, path, epoch });
  };

  try {
    const bestState =
      resumed?.best?.model ?? (start.kind === "checkpoint" ? start.checkpoint.model : undefined);
    const result = await trainValModel(model, {
      optimizer,
      train: trainLoader,
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
          const checkpoint = checkpointOf(record, h);
          // Metrics first, the epoch's lines in one write, then the checkpoint: a kill before the
          // checkpoint lands leaves lines after the last checkpoint's epoch, which the resume drops and
          // trains again; a kill between two lines can no longer leave an epoch without its val line.
          const entry = (p: "train" | "val", m: EpochRecord["train"]) => ({
            epoch: record.epoch,
            phase: p,
            loss: m.loss,
            accuracy: m.accuracy,
            lr: record.lr,
            seconds: m.seconds,
            samples: m.samples,
          });
          const appended = run.appendMetricsLines(
            record.val
              ? [entry("train", record.train), entry("val", record.val)]
              : [entry("train", record.train)],
          );
          const newBest = record.val ? appended[1]!.newBest : h.bestEpoch === record.epoch;
          await save("last", run.checkpointPath("last"), checkpoint, record.epoch);
          if (options.saveCheckpointTo)
            await save("extra", options.saveCheckpointTo, checkpoint, record.epoch);
          if (newBest) await save("best", run.checkpointPath("best"), checkpoint, record.epoch);
          emit({ type: "epoch-end", record });
          return undefined;
        },
      },
    });
    const summary: Omit<ExperimentResult, "status"> = {
      runId: run.id,
      runDir: run.dir,
      modelConfig,
      parameters: model.parameterCount(),
      bestValAccuracy: result.history.bestEpoch >= 0 ? result.history.bestValAccuracy : null,
      bestEpoch: result.history.bestEpoch >= 0 ? result.history.bestEpoch : null,
      lastEpoch: result.history.epochs.at(-1)?.epoch ?? null,
      epochsRun: result.history.epochs.length - doneEpochs,
      seconds: result.seconds,
      stoppedEarly: result.stoppedBy === "early-stopping",
      backend: backend.name,
      history: result.history.epochs.map((e) => ({
        epoch: e.epoch,
        train: e.train,
        ...(e.val ? { val: e.val } : {}),
        lr: e.lr,
      })),
    };
    if (result.stoppedBy === "signal") {
      run.interrupt();
      const interrupted = { ...summary, status: "interrupted" as const };
      emit({ type: "finished", status: "interrupted", result: interrupted });
      return interrupted;
    }
    // The model now holds the best-validation weights, like the course's train_val_model.
    // webgpu reads back only asynchronously: the artifacts' forward passes run on a CPU backend.
    await useHostReadableBackend();
    writeValArtifacts(run, model, data, normalize);
    run.complete({ parameters: model.parameterCount() });
    const completed = { ...summary, status: "completed" as const };
    emit({ type: "finished", status: "completed", result: completed });
    return completed;
  } catch (error) {
    if (run.status === "running") run.fail(error);
    emit({ type: "finished", status: "failed", error: (error as Error).message });
    throw error;
  } finally {
    run.close();
    model.dispose();
    optimizer.dispose();
  }
}
