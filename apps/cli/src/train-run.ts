import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { type BackendDescription, formatBackend, useBackend } from "@mlp-lab/backend";
import { BatchLoader, type BatchLoaderState } from "@mlp-lab/datasets";
import { type ModelConfig, createModel } from "@mlp-lab/models";
import { type RunHandle, type RunRecord, checkpointPath, createRun, readRun, resumeRun } from "@mlp-lab/runs";
import {
  type Checkpoint,
  EarlyStopping,
  type EpochRecord,
  type OptimizerConfig,
  type SchedulerConfig,
  type TrainingHistory,
  trainValModel,
} from "@mlp-lab/training";
import { loadCheckpoint, saveCheckpoint } from "@mlp-lab/training/node";
import * as tf from "@tensorflow/tfjs-core";
import { EXIT, UsageError } from "./cli-error.js";
import { loadData } from "./load-data.js";
import {
  buildOptimizer,
  buildScheduler,
  optimizerConfigOf,
  schedulerConfigOf,
  schedulerRecordOf,
} from "./optimizer-setup.js";
import type { Output } from "./output.js";
import { ProgressBar } from "./progress-bar.js";
import { type RunRef, resolveRun } from "./resolve-run.js";
import { type TrainingFlags, modelConfigOf, runModelOf } from "./train-options.js";
import { writeValArtifacts } from "./val-artifacts.js";
import { CLI_VERSION } from "./version.js";

/** What `runTraining` needs beyond the training flags. */
export interface TrainRunOptions {
  /** Model, optimizer, data and loop flags. */
  flags: TrainingFlags;
  /** Run store folder. */
  runsDir: string;
  /** Run name (default from the data set and model). */
  name?: string | undefined;
  /** Free labels for the run. */
  tags?: string[] | undefined;
  /** Continue a run (id, prefix or folder) or a checkpoint folder. */
  resume?: string | undefined;
  /** Whether `--epochs` was given (on resume: train that many more instead of the rest). */
  epochsExplicit: boolean;
  /** Also copy the last checkpoint into this folder (the course's `models/mod-<Model>`). */
  save?: string | undefined;
  /** Where text goes. */
  out: Output;
}

/** What a training run produced (the `--json` document of `mlp train`). */
export interface TrainRunResult {
  runId: string;
  runDir: string;
  status: "completed" | "interrupted" | "nothing-to-do";
  modelConfig: ModelConfig;
  parameters: number;
  bestValAccuracy: number | null;
  bestEpoch: number | null;
  lastEpoch: number | null;
  epochsRun: number;
  seconds: number;
  stoppedEarly: boolean;
  backend: string;
  history: Array<{ epoch: number; train: EpochRecord["train"]; val?: EpochRecord["val"]; lr: number }>;
}

interface ResumeState {
  /** Where the run is. */
  ref: RunRef;
  /** Its record before reopening. */
  record: RunRecord;
  checkpoint: Checkpoint | undefined;
  best: Checkpoint | undefined;
  doneEpochs: number;
  epochsToRun: number;
  flags: TrainingFlags;
}

const MODEL_CLASS: Record<ModelConfig["kind"], string> = {
  "two-layer": "TwoLayerMLP",
  mlp: "MLP",
  softmax: "SoftmaxRegression",
};

function backendRecord(b: BackendDescription) {
  return {
    name: b.name,
    version: b.tfjsVersion,
    threads: Math.max(1, b.threads),
    simd: b.simd !== "none",
    device: b.device,
  };
}

function isCheckpointDir(path: string): boolean {
  return existsSync(join(path, "model.safetensors")) || (existsSync(path) && path.endsWith(".safetensors"));
}

async function loadIfPresent(dir: string): Promise<Checkpoint | undefined> {
  return existsSync(dir) ? loadCheckpoint(dir) : undefined;
}

/** Mark a run `running` again from its last checkpoint's epoch, with its new epoch target. */
function reopen(state: ResumeState, normalize: { mean: number[]; std: number[] }): RunHandle {
  const { ref, record, doneEpochs, flags } = state;
  const handle = resumeRun(ref.runsDir, ref.id, { fromEpoch: doneEpochs > 0 ? doneEpochs - 1 : null });
  // Runs written before `normalize` was recorded get it now (same data set, so the same statistics).
  handle.update({ config: { normalize, ...record.config, epochs: flags.epochs, flags } });
  return handle;
}

/** Read what `--resume <run>` continues: its stored flags, its last and best checkpoints. */
async function reopenRun(options: TrainRunOptions): Promise<ResumeState> {
  const ref = await resolveRun(options.resume!, options.runsDir);
  const record = await readRun(ref.runsDir, ref.id);
  const stored = (record.config as { flags?: TrainingFlags }).flags;
  if (!stored)
    throw new UsageError(
      `--resume ${options.resume}: run ${ref.id} was not written by mlp train (no config.flags)`,
    );
  const checkpoint = await loadIfPresent(checkpointPath(ref.runsDir, ref.id, "last"));
  const best = await loadIfPresent(checkpointPath(ref.runsDir, ref.id, "best"));
  const doneEpochs = checkpoint?.trainer?.epoch ?? 0;
  // A completed run (all its epochs, or stopped early) trains more only when asked how many.
  const epochsToRun = options.epochsExplicit
    ? options.flags.epochs
    : record.status === "completed"
      ? 0
      : record.config.epochs - doneEpochs;
  const flags: TrainingFlags = {
    ...stored,
    backend: options.flags.backend,
    logInterval: options.flags.logInterval,
    ...(options.flags.dataDir ? { dataDir: options.flags.dataDir } : {}),
    epochs: doneEpochs + Math.max(0, epochsToRun),
  };
  return { ref, record, checkpoint, best, doneEpochs, epochsToRun: Math.max(0, epochsToRun), flags };
}

/**
 * Train one model into the run store: creates (or reopens) a run, prints the course's lines, appends
 * metrics per epoch and phase, keeps the `last` and `best` checkpoints, writes the validation predictions,
 * confusion matrix and per-class metrics, and handles Ctrl-C (stop at the next batch, mark the run
 * `interrupted`, exit code 130; a second Ctrl-C quits at once).
 */
export async function runTraining(options: TrainRunOptions): Promise<TrainRunResult> {
  const { out } = options;
  if (options.resume === undefined) {
    // Check the optimizer and schedule flags before the slow part (backend, data).
    optimizerConfigOf(options.flags);
    schedulerConfigOf(options.flags);
  }
  const backend = await useBackend(options.flags.backend);
  out.note(`Backend: ${formatBackend(backend).split("\n")[0]}`);

  let flags = options.flags;
  let resumed: ResumeState | undefined;
  let fromCheckpoint: Checkpoint | undefined;
  if (options.resume !== undefined && !isCheckpointDir(options.resume)) {
    resumed = await reopenRun(options);
    flags = resumed.flags;
    if (resumed.epochsToRun === 0) {
      const r = resumed.record;
      out.note(
        `Run ${r.id} has already trained its ${resumed.doneEpochs} epochs; pass --epochs N to train N more.`,
      );
      return {
        runId: r.id,
        runDir: resolve(options.runsDir, r.id),
        status: "nothing-to-do",
        modelConfig: resumed.checkpoint?.trainer?.modelConfig ?? modelConfigOf(flags, 0, 0),
        parameters: r.summary.parameters ?? 0,
        bestValAccuracy: r.summary.bestValAccuracy,
        bestEpoch: r.summary.bestEpoch,
        lastEpoch: r.summary.lastEpoch,
        epochsRun: 0,
        seconds: 0,
        stoppedEarly: false,
        backend: backend.name,
        history: [],
      };
    }
  } else if (options.resume !== undefined) {
    fromCheckpoint = await loadCheckpoint(options.resume);
  }

  const data = await loadData(flags, (m) => out.warn(m));
  if (flags.batchSize > data.train.count) {
    throw new UsageError(
      `--batch-size ${flags.batchSize} is larger than the training set (${data.train.count} samples)`,
    );
  }
  const normalize = { mean: [...data.info.mean], std: [...data.info.std] };
  const trainLoader = new BatchLoader(data.train, {
    batchSize: flags.batchSize,
    shuffle: true,
    seed: flags.seed,
    normalize,
    ...(flags.augment ? { augment: true } : {}),
  });
  const valLoader = new BatchLoader(data.val, { batchSize: flags.valBatchSize, normalize });
  const dIn = trainLoader.features;
  const dOut = data.info.classNames.length;

  const start = resumed?.checkpoint ?? fromCheckpoint;
  const modelConfig = start?.trainer?.modelConfig ?? modelConfigOf(flags, dIn, dOut);
  const optimizerConfig: OptimizerConfig =
    resumed?.checkpoint?.trainer?.optimizerConfig ?? optimizerConfigOf(flags);
  const model = createModel(modelConfig, flags.seed);
  const optimizer = buildOptimizer(model, optimizerConfig);
  let history: TrainingHistory | undefined;
  if (start) {
    model.loadStateDict(start.model);
    if (start.optimizer && resumed) optimizer.loadStateDict(start.optimizer);
    if (start.trainer?.loaderState && resumed)
      trainLoader.loadStateDict(start.trainer.loaderState as BatchLoaderState);
    history = start.trainer?.history;
  }
  const doneEpochs = resumed?.doneEpochs ?? history?.epochs.length ?? 0;
  const epochs = resumed ? resumed.epochsToRun : flags.epochs;
  // A resumed run keeps the schedule it started with (its defaults may depend on --epochs).
  const schedulerConfig =
    (resumed?.checkpoint?.trainer?.schedulerConfig as SchedulerConfig | undefined) ??
    schedulerConfigOf(flags);
  const scheduler = buildScheduler(schedulerConfig, optimizer);
  if (scheduler && resumed?.checkpoint?.trainer?.schedulerState) {
    scheduler.loadStateDict(resumed.checkpoint.trainer.schedulerState);
  }
  const earlyStopping = flags.earlyStopping
    ? { monitor: flags.monitor, patience: flags.earlyStopping, minDelta: flags.minDelta }
    : null;
  const stopper = earlyStopping ? new EarlyStopping(earlyStopping) : undefined;
  // Replaying the earlier epochs gives a resumed run the same patience count as an uninterrupted one.
  if (stopper && history) for (const e of history.epochs) stopper.update(e, () => ({}));

  // Reopen the run only now that its data and checkpoint have loaded: a failure above leaves it as it was.
  const run = resumed
    ? reopen(resumed, normalize)
    : createRun(options.runsDir, {
        ...(options.name ? { name: options.name } : {}),
        config: {
          model: runModelOf(modelConfig),
          optimizer: {
            name: optimizerConfig.kind,
            learningRate: Number(optimizerConfig.options.lr),
            ...withoutLr(optimizerConfig.options),
          },
          scheduler: schedulerRecordOf(schedulerConfig),
          earlyStopping,
          epochs: doneEpochs + flags.epochs,
          batchSize: flags.batchSize,
          dataset: flags.dataset,
          seed: flags.seed,
          data: {
            valFrom: data.valFrom,
            valBatchSize: flags.valBatchSize,
            ...(flags.trainLimit ? { trainLimit: flags.trainLimit } : {}),
            ...(flags.valLimit ? { valLimit: flags.valLimit } : {}),
            ...(flags.perClass ? { perClass: flags.perClass } : {}),
            ...(flags.valSplit ? { valSplit: flags.valSplit } : {}),
          },
          flags: { ...flags, epochs: doneEpochs + flags.epochs },
          // The inputs' normalisation, so a reader (the viewer's Try it page) prepares its own inputs the
          // same way without the data set registry.
          normalize,
          modelConfig,
          ...(options.resume ? { resumedFrom: resolve(options.resume) } : {}),
        },
        dataset: data.record,
        packages: {
          "@mlp-lab/cli": CLI_VERSION,
          "@tensorflow/tfjs-core": tf.version_core,
          node: process.version,
        },
        backend: backendRecord(backend),
        ...(options.tags ? { tags: options.tags } : {}),
      });
  if (resumed) run.update({ backend: backendRecord(backend), dataset: data.record });

  const base: Omit<TrainRunResult, "status" | "seconds" | "stoppedEarly" | "history" | "epochsRun"> = {
    runId: run.id,
    runDir: run.dir,
    modelConfig,
    parameters: model.parameterCount(),
    bestValAccuracy: run.record.summary.bestValAccuracy,
    bestEpoch: run.record.summary.bestEpoch,
    lastEpoch: run.record.summary.lastEpoch,
    backend: backend.name,
  };
  out.note(`Run: ${run.dir}`);
  if (resumed) out.line(`Resumed run ${run.id} (epoch ${doneEpochs})`);
  if (fromCheckpoint) out.line(`Resumed from checkpoint ${options.resume} (epoch ${doneEpochs})`);
  for (const [name, p] of model.namedParameters()) out.line(`${name} [${p.shape.join(", ")}]`);
  out.line(`Total number of parameters = ${model.parameterCount()}`);
  if (flags.summary) out.line(model.summary());

  const bar = new ProgressBar();
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) {
      // Second Ctrl-C: the last checkpoint is already on disk; mark the run and leave now.
      run.interrupt();
      process.exit(EXIT.interrupted);
    }
    bar.clear();
    process.stderr.write("\nStopping at the end of this batch (Ctrl-C again to quit now)...\n");
    controller.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  const extraSave = options.save;
  try {
    const bestState = resumed?.best?.model ?? fromCheckpoint?.model;
    const result = await trainValModel(model, {
      optimizer,
      train: trainLoader,
      val: valLoader,
      epochs,
      startEpoch: doneEpochs,
      lastEpoch: doneEpochs + epochs - 1,
      logInterval: out.json || out.quiet ? null : flags.logInterval,
      log: (line) => {
        bar.clear();
        out.line(line);
      },
      ...(history ? { history } : {}),
      ...(bestState ? { bestState } : {}),
      ...(scheduler ? { scheduler } : {}),
      ...(stopper ? { earlyStopping: stopper } : {}),
      signal: controller.signal,
      callbacks: {
        onEpochBegin: () => {
          if (!out.json && !out.quiet) bar.start();
        },
        onBatchEnd: ({ epoch, step, steps, loss, samples }) => {
          if (!out.json && !out.quiet) bar.update(`epoch ${epoch}`, step + 1, steps, loss, samples);
        },
        onEpochEnd: async (record, h) => {
          bar.clear();
          const checkpoint: Checkpoint = {
            model: model.stateDict(),
            optimizer: optimizer.stateDict(),
            trainer: {
              version: 1,
              epoch: record.epoch + 1,
              modelConfig,
              optimizerConfig,
              ...(schedulerConfig && scheduler
                ? { schedulerConfig, schedulerState: scheduler.stateDict() }
                : {}),
              history: h,
              loaderState: trainLoader.stateDict(),
              config: { dataset: flags.dataset, seed: flags.seed, batchSize: flags.batchSize, runId: run.id },
              savedAt: new Date().toISOString(),
            },
          };
          // Checkpoint first, then metrics: a metrics line always has its checkpoint on disk.
          await saveCheckpoint(run.checkpointPath("last"), checkpoint);
          if (extraSave) await saveCheckpoint(extraSave, checkpoint);
          const phase = (p: "train" | "val", m: EpochRecord["train"]) =>
            run.appendMetrics({
              epoch: record.epoch,
              phase: p,
              loss: m.loss,
              accuracy: m.accuracy,
              lr: record.lr,
              seconds: m.seconds,
              samples: m.samples,
            });
          phase("train", record.train);
          if (record.val && phase("val", record.val).newBest)
            await saveCheckpoint(run.checkpointPath("best"), checkpoint);
          if (!record.val && h.bestEpoch === record.epoch)
            await saveCheckpoint(run.checkpointPath("best"), checkpoint);
          return undefined;
        },
      },
    });
    const stoppedEarly = result.stoppedBy === "early-stopping";
    const summary = {
      ...base,
      parameters: model.parameterCount(),
      bestValAccuracy: result.history.bestEpoch >= 0 ? result.history.bestValAccuracy : null,
      bestEpoch: result.history.bestEpoch >= 0 ? result.history.bestEpoch : null,
      lastEpoch: result.history.epochs.at(-1)?.epoch ?? null,
      seconds: result.seconds,
      stoppedEarly,
      epochsRun: result.history.epochs.length - doneEpochs,
      history: result.history.epochs.map((e) => ({
        epoch: e.epoch,
        train: e.train,
        ...(e.val ? { val: e.val } : {}),
        lr: e.lr,
      })),
    };
    if (result.stoppedBy === "signal") {
      run.interrupt();
      out.note(
        `Interrupted: run ${run.id} keeps its last completed epoch; continue with: mlp train --resume ${run.id}`,
      );
      process.exitCode = EXIT.interrupted;
      return { ...summary, status: "interrupted" };
    }
    if (stoppedEarly && (out.json || out.quiet)) {
      out.note(`Early stopping: no improvement of ${flags.monitor} in ${flags.earlyStopping} epochs.`);
    }
    // The model now holds the best-validation weights, like the course's train_val_model.
    writeValArtifacts(run, model, data);
    run.complete({ parameters: model.parameterCount() });
    out.note(`Run ${run.id} completed: ${run.dir}`);
    out.note(
      `Checkpoints of ${MODEL_CLASS[modelConfig.kind]}: ${run.checkpointPath("best")} (best), ${run.checkpointPath("last")} (last)`,
    );
    return { ...summary, status: "completed" };
  } catch (error) {
    bar.clear();
    if (run.status === "running") run.fail(error);
    throw error;
  } finally {
    process.removeListener("SIGINT", onSigint);
    process.removeListener("SIGTERM", onSigint);
    run.close();
  }
}

/** Optimizer hyperparameters other than the learning rate (run.json names that one `learningRate`). */
function withoutLr(options: OptimizerConfig["options"]): OptimizerConfig["options"] {
  const { lr: _lr, ...rest } = options;
  return rest;
}
