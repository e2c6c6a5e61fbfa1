import { BackendError } from "@mlp-lab/backend";
import { DatasetError } from "@mlp-lab/datasets";
import { ExperimentConfigError, ExperimentError } from "@mlp-lab/experiments";
import { FlagError } from "@mlp-lab/experiments/flags";
import { ModelError } from "@mlp-lab/models";
import { RunStoreError } from "@mlp-lab/runs";
import { TrainingError } from "@mlp-lab/training";
import { VisualizationError } from "@mlp-lab/visualization";
import { EXIT, UsageError } from "./cli-error.js";

/** The message and exit code of an error that reached the top: known errors without a stack trace. */
export function explainError(error: unknown): { message: string; code: number } {
  // A figure the run cannot give (no metrics yet, RGB weights) is a usage error, like a bad flag.
  if (
    error instanceof UsageError ||
    error instanceof FlagError ||
    error instanceof ExperimentConfigError ||
    error instanceof VisualizationError
  )
    return { message: error.message, code: EXIT.usage };
  // A config field at fault is a flag to `mlp train`: `batchSize 5000 is…` reads `--batch-size 5000 is…`.
  if (error instanceof ExperimentError) {
    const { field } = error;
    const flag = field
      ?.split(".")
      .at(-1)
      ?.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    const message =
      field && flag && error.message.startsWith(field)
        ? `--${flag}${error.message.slice(field.length)}`
        : error.message;
    return { message, code: EXIT.usage };
  }
  // A run argument that names no run (or several) is a usage error, like a bad flag.
  if (
    error instanceof RunStoreError &&
    ["RUN_NOT_FOUND", "AMBIGUOUS_RUN_ID", "INVALID_RUN_ID"].includes(error.code)
  ) {
    return { message: error.message, code: EXIT.usage };
  }
  if (
    error instanceof BackendError ||
    error instanceof DatasetError ||
    error instanceof ModelError ||
    error instanceof TrainingError ||
    error instanceof RunStoreError
  ) {
    return { message: error.message, code: EXIT.failure };
  }
  if (error instanceof Error) {
    const debug = process.env.MLP_DEBUG ? (error.stack ?? error.message) : error.message;
    return { message: debug, code: EXIT.failure };
  }
  return { message: String(error), code: EXIT.failure };
}
