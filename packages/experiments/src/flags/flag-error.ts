/** Why a flag was refused. */
export type FlagErrorCode = "INVALID_FLAG_VALUE" | "FLAG_CONFLICT";

/**
 * A command-line flag with a bad value (`--lr -1`), or flags that do not go together (`--nesterov` with
 * `--optimizer adam`). The message names the flag; a CLI prints it as a usage error.
 */
export class FlagError extends Error {
  /** Machine-readable reason. */
  readonly code: FlagErrorCode;

  constructor(code: FlagErrorCode, message: string) {
    super(message);
    this.name = "FlagError";
    this.code = code;
  }
}
