/** Error codes raised by `@mlp-lab/training`. */
export type TrainingErrorCode =
  | "NON_FINITE_LOSS"
  | "BAD_OPTION"
  | "EMPTY_DATA"
  | "CHECKPOINT_CORRUPT"
  | "CHECKPOINT_MISMATCH"
  | "CHECKPOINT_WRITE_FAILED";

/** Training stopped or could not start; the message names the epoch, step, option or file. */
export class TrainingError extends Error {
  /** Machine-readable reason. */
  readonly code: TrainingErrorCode;

  constructor(code: TrainingErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "TrainingError";
    this.code = code;
  }
}
