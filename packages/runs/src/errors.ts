/** Every error code the run store throws; stable, so callers can switch on it. */
export type RunStoreErrorCode =
  | "INVALID_RUN_ID"
  | "INVALID_FILE_NAME"
  | "RUN_NOT_FOUND"
  | "AMBIGUOUS_RUN_ID"
  | "CORRUPT_RUN"
  | "CORRUPT_METRICS"
  | "INVALID_RECORD"
  | "RUN_NOT_RUNNING"
  | "RUN_IN_USE"
  | "INVALID_ARGUMENT";

/** Base class of the run store's errors: `code` says what went wrong, the message names the path or value. */
export class RunStoreError extends Error {
  /** Machine-readable reason. */
  readonly code: RunStoreErrorCode;

  constructor(code: RunStoreErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An argument of the wrong kind (a runs folder that is not a path, options that are not an object). */
export class InvalidArgumentError extends RunStoreError {
  constructor(message: string) {
    super("INVALID_ARGUMENT", message);
  }
}

/**
 * Throws {@link InvalidArgumentError} unless `runsDir` is a non-empty string; `fn` names the caller.
 */
export function checkRunsDir(runsDir: unknown, fn: string): void {
  if (typeof runsDir !== "string" || runsDir.length === 0)
    throw new InvalidArgumentError(
      `${fn}: runsDir must be a folder path (a non-empty string), got ${runsDir === "" ? '""' : typeof runsDir}`,
    );
}

/** A run id that is empty, too long, or could leave the runs folder (`..`, `/`, `\`, NUL, absolute path). */
export class InvalidRunIdError extends RunStoreError {
  /** The rejected value. */
  readonly value: string;

  constructor(value: string, why: string) {
    super("INVALID_RUN_ID", `Invalid run id ${JSON.stringify(value)}: ${why}`);
    this.value = value;
  }
}

/** An artifact or checkpoint file name that is not a plain file name inside its folder. */
export class InvalidFileNameError extends RunStoreError {
  /** The rejected value. */
  readonly value: string;

  constructor(value: string, why: string) {
    super("INVALID_FILE_NAME", `Invalid file name ${JSON.stringify(value)}: ${why}`);
    this.value = value;
  }
}

/** No run folder with this id (or prefix) in the runs folder. */
export class RunNotFoundError extends RunStoreError {
  /** The id or prefix that was looked up. */
  readonly id: string;

  constructor(id: string, runsDir: string) {
    super("RUN_NOT_FOUND", `No run ${JSON.stringify(id)} in ${runsDir}`);
    this.id = id;
  }
}

/** A prefix that matches several runs; `candidates` lists them. */
export class AmbiguousRunIdError extends RunStoreError {
  /** The prefix that was looked up. */
  readonly prefix: string;
  /** Every run id starting with the prefix, sorted. */
  readonly candidates: readonly string[];

  constructor(prefix: string, candidates: readonly string[]) {
    const shown = candidates.slice(0, 5).join(", ") + (candidates.length > 5 ? ", …" : "");
    super(
      "AMBIGUOUS_RUN_ID",
      `Run id prefix ${JSON.stringify(prefix)} matches ${candidates.length} runs: ${shown}`,
    );
    this.prefix = prefix;
    this.candidates = candidates;
  }
}

/** Why a run.json could not be read. */
export type CorruptRunReason =
  | "missing"
  | "unreadable"
  | "invalid-json"
  | "invalid-schema"
  | "unsupported-version";

/** A run.json that is missing, not JSON, not a valid record, or from a newer schema version. */
export class CorruptRunError extends RunStoreError {
  /** The run.json path. */
  readonly path: string;
  /** Which of the failure kinds it is. */
  readonly reason: CorruptRunReason;

  constructor(path: string, reason: CorruptRunReason, detail: string) {
    super("CORRUPT_RUN", `${path}: ${detail}`);
    this.path = path;
    this.reason = reason;
  }
}

/** A complete (newline-terminated) line of metrics.jsonl that is not a valid metrics entry. */
export class CorruptMetricsError extends RunStoreError {
  /** The metrics.jsonl path. */
  readonly path: string;
  /** 1-based line number of the first bad line. */
  readonly line: number;

  constructor(path: string, line: number, detail: string) {
    super("CORRUPT_METRICS", `${path}:${line}: ${detail}`);
    this.path = path;
    this.line = line;
  }
}

/** A value handed to the writer (config, metrics entry, update, artifact) that fails the schema. */
export class InvalidRecordError extends RunStoreError {
  constructor(what: string, detail: string) {
    super("INVALID_RECORD", `Invalid ${what}: ${detail}`);
  }
}

/** A status change or append on a run that is no longer `running` (completed, failed or interrupted). */
export class RunNotRunningError extends RunStoreError {
  /** The run id. */
  readonly id: string;

  constructor(id: string, status: string, action: string) {
    super("RUN_NOT_RUNNING", `Cannot ${action} run ${id}: it is ${status}, not running`);
    this.id = id;
  }
}

/** Removing or resuming a run whose writer process is still alive. */
export class RunInUseError extends RunStoreError {
  /** The run id. */
  readonly id: string;

  constructor(id: string, writer: { pid: number; hostname: string }, action: string) {
    super(
      "RUN_IN_USE",
      `Cannot ${action} run ${id}: it is running, written by process ${writer.pid} on ${writer.hostname} (use force if that process is gone)`,
    );
    this.id = id;
  }
}
