import {
  type DecodedSafetensors,
  type ModelConfig,
  type StateDict,
  decodeSafetensors,
  encodeSafetensors,
} from "@mlp-lab/models";
import type { EarlyStoppingState } from "./early-stopping.js";
import { TrainingError } from "./errors.js";
import type { TrainingHistory } from "./history.js";
import type { SchedulerState } from "./lr-scheduler.js";
import type { OptimizerConfig, OptimizerState } from "./optimizer-base.js";
import { requireObject, requireStateDict } from "./validate-options.js";

/** Format version of `trainer.json`. */
export const CHECKPOINT_VERSION = 1;

/** The files of a checkpoint folder, by part. */
export const CHECKPOINT_FILES = {
  model: "model.safetensors",
  optimizer: "optimizer.safetensors",
  trainer: "trainer.json",
} as const;

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

/**
 * A checkpoint as the bytes of its files ({@link CHECKPOINT_FILES}): what a folder on disk, an HTTP
 * API or a zip holds. `model.safetensors` loads into the course's PyTorch model with
 * `load_state_dict(safetensors.torch.load_file(...))`.
 */
export interface CheckpointBytes {
  /** `model.safetensors`. */
  model: Uint8Array;
  /** `optimizer.safetensors` (buffers; step and rate in its metadata). */
  optimizer?: Uint8Array;
  /** `trainer.json`, UTF-8. */
  trainer?: Uint8Array;
}

/** Encode a checkpoint to the bytes of its files; no file system involved (browser-safe). */
export function encodeCheckpoint(checkpoint: Checkpoint): CheckpointBytes {
  requireObject("encodeCheckpoint", "checkpoint", checkpoint);
  requireStateDict("encodeCheckpoint", "checkpoint.model", checkpoint.model);
  const out: CheckpointBytes = { model: encodeSafetensors(checkpoint.model, { format: "pt" }) };
  if (checkpoint.optimizer !== undefined) {
    const o = checkpoint.optimizer;
    requireObject("encodeCheckpoint", "checkpoint.optimizer", o);
    requireStateDict("encodeCheckpoint", "checkpoint.optimizer.buffers", o.buffers);
    out.optimizer = encodeSafetensors(o.buffers, { step: String(o.step), lr: String(o.lr) });
  }
  if (checkpoint.trainer !== undefined) {
    requireObject("encodeCheckpoint", "checkpoint.trainer", checkpoint.trainer);
    out.trainer = new TextEncoder().encode(`${JSON.stringify(checkpoint.trainer, null, 2)}\n`);
  }
  return out;
}

function safetensorsOf(bytes: Uint8Array, source: string): DecodedSafetensors {
  try {
    return decodeSafetensors(bytes, source);
  } catch (error) {
    throw new TrainingError("CHECKPOINT_CORRUPT", (error as Error).message, { cause: error });
  }
}

/**
 * Parse and check `trainer.json` (bytes or text). `source` names the file in errors, which are
 * `TrainingError`s with code `CHECKPOINT_CORRUPT`.
 */
export function decodeTrainerState(
  data: Uint8Array | string,
  source: string = CHECKPOINT_FILES.trainer,
): TrainerState {
  const text = typeof data === "string" ? data : new TextDecoder().decode(data);
  let trainer: Partial<TrainerState> | null;
  try {
    trainer = JSON.parse(text) as Partial<TrainerState> | null;
  } catch (error) {
    throw new TrainingError("CHECKPOINT_CORRUPT", `${source} is not valid JSON: ${(error as Error).message}`);
  }
  if (trainer === null || typeof trainer !== "object" || Array.isArray(trainer)) {
    throw new TrainingError("CHECKPOINT_CORRUPT", `${source}: expected a JSON object`);
  }
  if (trainer.version !== CHECKPOINT_VERSION) {
    throw new TrainingError(
      "CHECKPOINT_CORRUPT",
      `${source}: unsupported trainer state version ${String(trainer.version)} (this version reads ${CHECKPOINT_VERSION})`,
    );
  }
  if (!Number.isInteger(trainer.epoch) || (trainer.epoch as number) < 0) {
    throw new TrainingError("CHECKPOINT_CORRUPT", `${source}: epoch must be a non-negative integer`);
  }
  const config = trainer.modelConfig as { kind?: unknown } | undefined;
  if (config === null || typeof config !== "object" || typeof config.kind !== "string") {
    throw new TrainingError(
      "CHECKPOINT_CORRUPT",
      `${source}: modelConfig is missing or has no kind, so the model cannot be rebuilt`,
    );
  }
  return trainer as TrainerState;
}

/**
 * Decode a checkpoint from the bytes of its files (the inverse of {@link encodeCheckpoint});
 * browser-safe. `source` (the folder or URL) prefixes the file names in errors, which are
 * `TrainingError`s with code `CHECKPOINT_CORRUPT`.
 */
export function decodeCheckpoint(bytes: CheckpointBytes, source = "checkpoint"): Checkpoint {
  requireObject("decodeCheckpoint", "bytes", bytes);
  if (!(bytes.model instanceof Uint8Array)) {
    throw new TrainingError("BAD_OPTION", "decodeCheckpoint: bytes.model must be a Uint8Array");
  }
  const checkpoint: Checkpoint = {
    model: safetensorsOf(bytes.model, `${source}/${CHECKPOINT_FILES.model}`).tensors,
  };
  if (bytes.optimizer) {
    const file = `${source}/${CHECKPOINT_FILES.optimizer}`;
    const decoded = safetensorsOf(bytes.optimizer, file);
    const step = Number(decoded.metadata.step ?? 0);
    const lr = Number(decoded.metadata.lr);
    if (!Number.isInteger(step) || step < 0 || !Number.isFinite(lr)) {
      throw new TrainingError(
        "CHECKPOINT_CORRUPT",
        `${file}: metadata step "${decoded.metadata.step}" and lr "${decoded.metadata.lr}" must be a count and a number`,
      );
    }
    checkpoint.optimizer = { step, lr, buffers: decoded.tensors };
  }
  if (bytes.trainer) {
    checkpoint.trainer = decodeTrainerState(bytes.trainer, `${source}/${CHECKPOINT_FILES.trainer}`);
  }
  return checkpoint;
}
