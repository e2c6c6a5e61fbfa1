import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { type BackendDescription, useBackend, useHostReadableBackend } from "@mlp-lab/backend";
import { prefetchBatches } from "@mlp-lab/datasets/node";
import { type RunRecord, checkpointPath, readRun } from "@mlp-lab/runs";
import type { Checkpoint } from "@mlp-lab/training";
import { loadCheckpoint } from "@mlp-lab/training/node";
import type { ExperimentResult } from "./events.js";
import {
  type ExperimentConfig,
  ExperimentConfigError,
  type ExperimentConfigInput,
  parseExperimentConfig,
} from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";
import { loadExperimentData } from "./load-experiment-data.js";
import { nodeRunSink } from "./node-run-sink.js";
import { usePrefetchWorker } from "./prefetch-policy.js";
import {
  type SessionEnvironment,
  type SessionOptions,
  type SessionStart,
  emitter,
  trainSession,
} from "./train-session.js";

/** Options of {@link runExperiment}. */
export interface RunExperimentOptions extends SessionOptions {
  /** Run store folder (created if needed). Default `runs`. */
  runsDir?: string;
  /** Run name; default `<dataset>-<model kind>-<hidden layers>`. */
  name?: string;
  /** Free labels of the run. */
  tags?: string[];
}

/** A run in a run store: its folder, or the store and its id. */
export type RunLocation = string | { runsDir: string; id: string };

/** Options of {@link resumeExperiment}. */
export interface ResumeExperimentOptions extends SessionOptions {
  /** Train this many more epochs. Default: the rest of the run's epochs (none when it completed). */
  epochs?: number;
  /** Run on this backend instead of the one recorded. */
  backend?: ExperimentConfig["backend"];
  /** Read the data from this folder instead of the recorded one. */
  dataDir?: string;
  /** Print the course's lines every N epochs instead of the recorded interval. */
  logInterval?: number;
}

/** What Node gives a session: the backend's record, a host-readable backend for the artifacts. */
function nodeEnvironment(b: BackendDescription, config: ExperimentConfig): SessionEnvironment {
  return {
    // Augmented batches are written on a worker thread while the step runs: the same batches (the loader
    // draws every crop here, in order), off the training thread. Only where a core is left over for it:
    // on 2 cores the 2-thread step keeps both busy, and the worker measured slower than inline (pnpm bench:
    // 9.52 against 8.97 s per CIFAR epoch). MLP_PREFETCH=1 forces the worker, MLP_PREFETCH=0 inline.
    ...(config.data.augment && usePrefetchWorker(b.threads)
      ? {
          wrapTrainLoader: (loader, warn) =>
            prefetchBatches(loader, { onFallback: (reason) => warn(`augmentation runs inline: ${reason}`) }),
        }
      : {}),
    backend: {
      name: b.name,
      version: b.tfjsVersion,
      threads: Math.max(1, b.threads),
      simd: b.simd !== "none",
      device: b.device,
    },
    // webgpu reads back only asynchronously: the artifacts' forward passes run on a CPU backend.
    beforeArtifacts: async () => {
      await useHostReadableBackend();
    },
  };
}

/** The store folder and id of a run location. */
export function locateRun(run: RunLocation): { runsDir: string; id: string } {
  if (typeof run !== "string") return run;
  const dir = resolve(run);
  return { runsDir: dirname(dir), id: basename(dir) };
}

/**
 * The experiment config a run was trained with (run.json's `config`; runs of schema 1 are migrated
 * when read).
 * @throws ExperimentError `NOT_RESUMABLE` for a run written by another tool, without an experiment config.
 */
export function experimentConfigOf(record: RunRecord): ExperimentConfig {
  try {
    return parseExperimentConfig(record.config, `run ${record.id}`);
  } catch (error) {
    if (!(error instanceof ExperimentConfigError)) throw error;
    throw new ExperimentError(
      "NOT_RESUMABLE",
      `run ${record.id} was not written by mlp train or runExperiment (run.json has no experiment config: ${error.issues[0]})`,
    );
  }
}

/**
 * Train one experiment into a new run of the run store: creates the run, trains with the course's
 * epoch lines as `log` events, keeps the `last` and `best` checkpoints and `metrics.jsonl`, writes the
 * validation predictions, confusion matrix, per-class metrics and sample images, and marks the run
 * `completed`, `interrupted` (when `signal` aborts: it stops at the next batch and keeps its last
 * finished epoch) or `failed` (a NaN loss names its epoch and step; the last checkpoint stays as it was).
 * @param config a full or partial {@link ExperimentConfig}; `{}` is the course's first run.
 * @throws ExperimentConfigError for an invalid config, ExperimentError when the data cannot give what it
 * asks, TrainingError on a non-finite loss (after marking the run failed).
 */
export async function runExperiment(
  config: ExperimentConfigInput | ExperimentConfig,
  options: RunExperimentOptions = {},
): Promise<ExperimentResult> {
  const resolved = parseExperimentConfig(config);
  const emit = emitter(options.onEvent);
  const backend = await useBackend(resolved.backend);
  emit({ type: "backend", backend });
  const data = await loadExperimentData(resolved, (message) => emit({ type: "warning", message }));
  const start: SessionStart = resolved.initFrom
    ? { kind: "checkpoint", checkpoint: await loadCheckpoint(resolved.initFrom) }
    : { kind: "new" };
  const sink = nodeRunSink(
    {
      kind: "new",
      runsDir: options.runsDir ?? "runs",
      ...(options.name ? { name: options.name } : {}),
      ...(options.tags ? { tags: options.tags } : {}),
    },
    options.saveCheckpointTo ? { saveCheckpointTo: options.saveCheckpointTo } : {},
  );
  return trainSession(
    resolved,
    data,
    nodeEnvironment(backend, resolved),
    start,
    resolved.epochs,
    sink,
    options,
  );
}

async function loadIfPresent(dir: string): Promise<Checkpoint | undefined> {
  return existsSync(dir) ? loadCheckpoint(dir) : undefined;
}

/**
 * Continue a run from its `last` checkpoint, exactly: weights, optimizer moments, schedule, early-stopping
 * patience and the shuffling order carry on, so N epochs then M resumed give the losses of N + M in one go.
 * Runs written by `mlp train` before run.json schema 2 are read through their migration.
 * @returns status `nothing-to-do` when the run already trained its epochs and `epochs` is not given.
 * @throws ExperimentError `NOT_RESUMABLE` for a run without an experiment config.
 */
export async function resumeExperiment(
  run: RunLocation,
  options: ResumeExperimentOptions = {},
): Promise<ExperimentResult> {
  const { runsDir, id } = locateRun(run);
  const record = await readRun(runsDir, id);
  const stored = experimentConfigOf(record);
  const emit = emitter(options.onEvent);
  const config: ExperimentConfig = {
    ...stored,
    ...(options.backend ? { backend: options.backend } : {}),
    ...(options.logInterval ? { logInterval: options.logInterval } : {}),
    data: { ...stored.data, ...(options.dataDir ? { dir: options.dataDir } : {}) },
  };
  const backend = await useBackend(config.backend);
  emit({ type: "backend", backend });
  const last = await loadIfPresent(checkpointPath(runsDir, id, "last"));
  const best = await loadIfPresent(checkpointPath(runsDir, id, "best"));
  const doneEpochs = last?.trainer?.epoch ?? 0;
  const epochs = Math.max(
    0,
    options.epochs ?? (record.status === "completed" ? 0 : stored.epochs - doneEpochs),
  );
  if (epochs === 0) {
    const s = record.summary;
    return {
      runId: id,
      runDir: resolve(runsDir, id),
      status: "nothing-to-do",
      modelConfig: last?.trainer?.modelConfig ?? { kind: "softmax", dIn: 0, dOut: 0 },
      parameters: s.parameters ?? 0,
      bestValAccuracy: s.bestValAccuracy,
      bestEpoch: s.bestEpoch,
      lastEpoch: s.lastEpoch,
      epochsRun: 0,
      seconds: 0,
      stoppedEarly: false,
      backend: backend.name,
      history: [],
    };
  }
  const data = await loadExperimentData(config, (message) => emit({ type: "warning", message }));
  return trainSession(
    config,
    data,
    nodeEnvironment(backend, config),
    { kind: "run", last, best, doneEpochs },
    epochs,
    nodeRunSink(
      { kind: "existing", runsDir, id },
      options.saveCheckpointTo ? { saveCheckpointTo: options.saveCheckpointTo } : {},
    ),
    options,
  );
}
