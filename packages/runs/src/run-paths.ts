import { join, resolve } from "node:path";
import { checkRunsDir } from "./errors.js";
import { validateFileName, validateRunId } from "./run-id.js";

/** run.json, in each run folder. */
export const RUN_FILE = "run.json";
/** metrics.jsonl, in each run folder. */
export const METRICS_FILE = "metrics.jsonl";
/** Checkpoint folder, in each run folder. */
export const CHECKPOINTS_DIR = "checkpoints";
/** Artifact folder, in each run folder. */
export const ARTIFACTS_DIR = "artifacts";

/** Which checkpoint: the latest epoch, or the best by validation accuracy. */
export type CheckpointKind = "last" | "best";
/** Every checkpoint kind. */
export const CHECKPOINT_KINDS: readonly CheckpointKind[] = ["last", "best"];

/** True for `"last"` and `"best"`. */
export function isCheckpointKind(value: string): value is CheckpointKind {
  return value === "last" || value === "best";
}

/** Absolute folder of run `id` (validated) in `runsDir`. */
export function runDir(runsDir: string, id: string): string {
  checkRunsDir(runsDir, "run store");
  return join(resolve(runsDir), validateRunId(id));
}

/** Absolute path of the run's run.json. */
export function runFilePath(runsDir: string, id: string): string {
  return join(runDir(runsDir, id), RUN_FILE);
}

/** Absolute path of the run's metrics.jsonl. */
export function metricsPath(runsDir: string, id: string): string {
  return join(runDir(runsDir, id), METRICS_FILE);
}

/**
 * Absolute folder for checkpoint `which` (`<run>/checkpoints/last` or `.../best`). The training package
 * writes the checkpoint there (`@mlp-lab/training` saveCheckpoint: model.safetensors, optimizer.safetensors,
 * trainer.json); this package only names it.
 */
export function checkpointPath(runsDir: string, id: string, which: CheckpointKind): string {
  if (!isCheckpointKind(which)) throw new TypeError(`Unknown checkpoint ${JSON.stringify(which)}`);
  return join(runDir(runsDir, id), CHECKPOINTS_DIR, which);
}

/** Absolute path of artifact `name` (a plain file name, validated) in `<run>/artifacts/`. */
export function artifactPath(runsDir: string, id: string, name: string): string {
  return join(runDir(runsDir, id), ARTIFACTS_DIR, validateFileName(name));
}
