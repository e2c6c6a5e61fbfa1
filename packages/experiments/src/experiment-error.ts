/** What went wrong, for programs: a field or a run that cannot be used as asked. */
export type ExperimentErrorCode =
  /** The data cannot give what the config asks (a per-class subset larger than a class, a batch larger than the set). */
  | "BAD_DATA"
  /** The run cannot be resumed, evaluated or predicted with (no experiment config, no checkpoint). */
  | "NOT_RESUMABLE"
  /** The run has no checkpoint of the requested kind yet. */
  | "NO_CHECKPOINT";

/** An experiment that cannot run as configured. `field` names the config field at fault, when one is. */
export class ExperimentError extends Error {
  constructor(
    readonly code: ExperimentErrorCode,
    message: string,
    /** Dotted path of the config field at fault, e.g. `batchSize` or `data.perClass`. */
    readonly field?: string,
  ) {
    super(message);
    this.name = "ExperimentError";
  }
}
