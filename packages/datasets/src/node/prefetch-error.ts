/** Why a prefetching loader failed. */
export type PrefetchErrorCode =
  /** The worker threw while writing a batch (its message and stack are in the error's message). */
  | "WORKER_FAILED"
  /** The worker made no progress within `stallTimeout` seconds. */
  | "WORKER_STALLED"
  /** `mode: "worker"` was asked for where worker threads cannot run. */
  | "WORKER_UNAVAILABLE"
  /** The loader was iterated after `close()`. */
  | "CLOSED";

/** An error of `@mlp-lab/datasets/node`'s prefetching loader, with a stable `code`. */
export class PrefetchError extends Error {
  /** Stable machine-readable reason. */
  readonly code: PrefetchErrorCode;

  constructor(code: PrefetchErrorCode, message: string, options?: { cause?: unknown }) {
    super(`${message} [${code}]`, options);
    this.name = "PrefetchError";
    this.code = code;
  }
}
