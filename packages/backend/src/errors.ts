import type { BackendName } from "./backend-name.js";

/** Error codes raised by `@mlp-lab/backend`. */
export type BackendErrorCode = "BACKEND_UNKNOWN" | "BACKEND_UNAVAILABLE" | "BACKEND_NONE_LOADED";

/** A backend could not be selected; `code` says why, the message names the package and the cause. */
export class BackendError extends Error {
  /** Machine-readable reason. */
  readonly code: BackendErrorCode;
  /** The backend concerned, when there is one. */
  readonly backend: BackendName | undefined;

  constructor(code: BackendErrorCode, message: string, backend?: BackendName, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BackendError";
    this.code = code;
    this.backend = backend;
  }
}

/** The message of any thrown value, on one line. */
export function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split("\n")[0]?.trim() || "unknown error";
}
