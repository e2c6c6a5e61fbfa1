import { readFile, readdir, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { decodeSafetensors } from "@mlp-lab/models";
import { writeFileAtomic } from "@mlp-lab/runs";
import {
  CHECKPOINT_FILES,
  type Checkpoint,
  type CheckpointBytes,
  decodeCheckpoint,
  encodeCheckpoint,
} from "../checkpoint.js";
import { TrainingError } from "../errors.js";
import { requireObject, requireString } from "../validate-options.js";
import { REPLACED, swapDirectory } from "./swap-directory.js";

/**
 * Save a checkpoint folder: `model.safetensors` (loads into the course's PyTorch model with
 * `load_state_dict(safetensors.torch.load_file(...))`), `optimizer.safetensors` and `trainer.json`.
 * The folder is built beside the target and swapped in, so a crash never leaves a half checkpoint.
 * `checkpoint.trainer` is required: without it the folder could not be resumed or rebuilt.
 */
export async function saveCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  requireString("saveCheckpoint", "dir", dir);
  requireObject("saveCheckpoint", "options", checkpoint);
  if (checkpoint.trainer === undefined) {
    throw new TrainingError("BAD_OPTION", "saveCheckpoint: options.trainer is required");
  }
  let bytes: CheckpointBytes;
  try {
    bytes = encodeCheckpoint(checkpoint);
  } catch (error) {
    // Re-word encodeCheckpoint's field names for this entry point.
    if (error instanceof TrainingError && error.code === "BAD_OPTION") {
      throw new TrainingError(
        "BAD_OPTION",
        error.message.replace("encodeCheckpoint: checkpoint", "saveCheckpoint: options"),
      );
    }
    throw error;
  }
  try {
    await swapDirectory(dir, async (tmp) => {
      writeFileAtomic(join(tmp, CHECKPOINT_FILES.model), bytes.model);
      if (bytes.optimizer) writeFileAtomic(join(tmp, CHECKPOINT_FILES.optimizer), bytes.optimizer);
      if (bytes.trainer) writeFileAtomic(join(tmp, CHECKPOINT_FILES.trainer), bytes.trainer);
    });
  } catch (error) {
    throw new TrainingError(
      "CHECKPOINT_WRITE_FAILED",
      `could not write checkpoint ${dir}: ${(error as Error).message} (the previous checkpoint, if any, is intact)`,
      { cause: error },
    );
  }
}

async function readBytes(path: string): Promise<Uint8Array> {
  const buffer = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new TrainingError("CHECKPOINT_CORRUPT", `cannot read ${path}: ${error.code ?? error.message}`);
  });
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

async function readOptional(path: string): Promise<Uint8Array | undefined> {
  return (await stat(path).catch(() => undefined)) ? readBytes(path) : undefined;
}

/** A folder left by a crash in the middle of {@link saveCheckpoint}'s swap, if any. */
async function leftoverOf(dir: string): Promise<string | undefined> {
  const parent = dirname(dir);
  const name = basename(dir);
  const entries = await readdir(parent).catch(() => [] as string[]);
  const old = entries.filter((e) => e.startsWith(`${name}${REPLACED}`)).sort();
  return old.length > 0 ? join(parent, old[old.length - 1]!) : undefined;
}

/**
 * Load a checkpoint folder written by {@link saveCheckpoint}, or a bare `.safetensors` weights
 * file (for example PyTorch weights saved with `safetensors.torch.save_file`). Errors are
 * `TrainingError`s (`CHECKPOINT_CORRUPT`) naming the file.
 */
export async function loadCheckpoint(path: string): Promise<Checkpoint> {
  requireString("loadCheckpoint", "path", path);
  let info = await stat(path).catch(() => undefined);
  if (!info) {
    const leftover = await leftoverOf(path);
    if (!leftover) throw new TrainingError("CHECKPOINT_CORRUPT", `checkpoint ${path} does not exist`);
    path = leftover;
    info = await stat(path);
  }
  if (info.isFile()) {
    try {
      return { model: decodeSafetensors(await readBytes(path), path).tensors };
    } catch (error) {
      if (error instanceof TrainingError) throw error;
      throw new TrainingError("CHECKPOINT_CORRUPT", (error as Error).message, { cause: error });
    }
  }
  const model = await readBytes(join(path, CHECKPOINT_FILES.model));
  const optimizer = await readOptional(join(path, CHECKPOINT_FILES.optimizer));
  const trainer = await readOptional(join(path, CHECKPOINT_FILES.trainer));
  return decodeCheckpoint(
    { model, ...(optimizer ? { optimizer } : {}), ...(trainer ? { trainer } : {}) },
    path,
  );
}
