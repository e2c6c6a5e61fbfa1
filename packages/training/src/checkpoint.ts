import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { type ModelConfig, type StateDict, decodeSafetensors, encodeSafetensors } from "@mlp-lab/models";
import { replaceDirAtomic, writeFileAtomic } from "./atomic-write.js";
import type { EarlyStoppingState } from "./early-stopping.js";
import { TrainingError } from "./errors.js";
import type { TrainingHistory } from "./history.js";
import type { SchedulerState } from "./lr-scheduler.js";
import type { OptimizerConfig, OptimizerState } from "./optimizer-base.js";

/** Format version of `trainer.json`. */
export const CHECKPOINT_VERSION = 1;

/** Training state beside the weights: enough to continue exactly. */
export interface TrainerState {
  /** Format version. */
  version: typeof CHECKPOINT_VERSION;
  /** Epochs completed; a resumed run starts at this epoch number. */
  epoch: number;
  /** The model's architecture. */
  modelConfig: ModelConfig;
  /** The optimizer's configuration. */
  optimizerConfig?: OptimizerConfig;
  /** The learning-rate schedule's configuration (a `SchedulerConfig`), if any. */
  schedulerConfig?: unknown;
  /** The schedule's state, for exact resume. */
  schedulerState?: SchedulerState;
  /** Early-stopping progress, if early stopping is on. */
  earlyStoppingState?: EarlyStoppingState;
  /** History so far. */
  history?: TrainingHistory;
  /** State of the training data's sampler (shuffling RNG), for exact resume. */
  loaderState?: unknown;
  /** Anything else the caller needs (run config, seed, dataset). */
  config?: Record<string, unknown>;
  /** When it was written (ISO 8601). */
  savedAt: string;
}

/** A full checkpoint: weights, optimizer buffers and trainer state. */
export interface Checkpoint {
  /** Weights, PyTorch names and layouts. */
  model: StateDict;
  /** Optimizer step, learning rate and buffers. */
  optimizer?: OptimizerState;
  /** Epoch, configs, history, sampler state. Absent when loading a bare weights file. */
  trainer?: TrainerState;
}

const MODEL_FILE = "model.safetensors";
const OPTIMIZER_FILE = "optimizer.safetensors";
const TRAINER_FILE = "trainer.json";

/**
 * Save a checkpoint folder: `model.safetensors` (loads into the course's PyTorch model with
 * `load_state_dict(safetensors.torch.load_file(...))`), `optimizer.safetensors` and `trainer.json`.
 * The folder is built beside the target and swapped in, so a crash never leaves a half checkpoint.
 */
export async function saveCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  try {
    await replaceDirAtomic(dir, async (tmp) => {
      await writeFileAtomic(join(tmp, MODEL_FILE), encodeSafetensors(checkpoint.model, { format: "pt" }));
      if (checkpoint.optimizer) {
        const o = checkpoint.optimizer;
        const meta = { step: String(o.step), lr: String(o.lr) };
        await writeFileAtomic(join(tmp, OPTIMIZER_FILE), encodeSafetensors(o.buffers, meta));
      }
      if (checkpoint.trainer) {
        await writeFileAtomic(join(tmp, TRAINER_FILE), `${JSON.stringify(checkpoint.trainer, null, 2)}\n`);
      }
    });
  } catch (error) {
    throw new TrainingError(
      "CHECKPOINT_WRITE_FAILED",
      `could not write checkpoint ${dir}: ${(error as Error).message} (the previous checkpoint, if any, is intact)`,
      { cause: error },
    );
  }
}

async function readSafetensors(path: string): Promise<ReturnType<typeof decodeSafetensors>> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new TrainingError("CHECKPOINT_CORRUPT", `cannot read ${path}: ${error.code ?? error.message}`);
  });
  try {
    return decodeSafetensors(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), path);
  } catch (error) {
    throw new TrainingError("CHECKPOINT_CORRUPT", (error as Error).message, { cause: error });
  }
}

/** A folder left by a crash in the middle of {@link saveCheckpoint}'s swap, if any. */
async function leftoverOf(dir: string): Promise<string | undefined> {
  const parent = dirname(dir);
  const name = basename(dir);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const old = entries.filter((e) => e.startsWith(`${name}.old-`)).sort();
  return old.length > 0 ? join(parent, old[old.length - 1]!) : undefined;
}

/**
 * Load a checkpoint folder written by {@link saveCheckpoint}, or a bare `.safetensors` weights
 * file (for example PyTorch weights saved with `safetensors.torch.save_file`).
 */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  let info = await stat(path).catch(() => undefined);
  if (!info) {
    const leftover = await leftoverOf(path);
    if (!leftover) throw new TrainingError("CHECKPOINT_CORRUPT", `checkpoint ${path} does not exist`);
    path = leftover;
    info = await stat(path);
  }
  if (info.isFile()) return { model: (await readSafetensors(path)).tensors };
  const model = (await readSafetensors(join(path, MODEL_FILE))).tensors;
  const checkpoint: Checkpoint = { model };
  const optimizerPath = join(path, OPTIMIZER_FILE);
  if (await stat(optimizerPath).catch(() => undefined)) {
    const decoded = await readSafetensors(optimizerPath);
    checkpoint.optimizer = {
      step: Number(decoded.metadata.step ?? 0),
      lr: Number(decoded.metadata.lr),
      buffers: decoded.tensors,
    };
  }
  const trainerPath = join(path, TRAINER_FILE);
  const trainerText = await readFile(trainerPath, "utf8").catch(() => undefined);
  if (trainerText !== undefined) {
    let trainer: TrainerState;
    try {
      trainer = JSON.parse(trainerText) as TrainerState;
    } catch (error) {
      throw new TrainingError(
        "CHECKPOINT_CORRUPT",
        `${trainerPath} is not valid JSON: ${(error as Error).message}`,
      );
    }
    if (trainer.version !== CHECKPOINT_VERSION || !Number.isInteger(trainer.epoch) || !trainer.modelConfig) {
      throw new TrainingError(
        "CHECKPOINT_CORRUPT",
        `${trainerPath}: unsupported or incomplete trainer state (version ${String(trainer.version)})`,
      );
    }
    checkpoint.trainer = trainer;
  }
  return checkpoint;
}
