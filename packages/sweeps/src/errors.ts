/** Base class of the errors this package throws; `code` is stable for programs to test. */
export class SweepError extends Error {
  /** Stable machine-readable code, e.g. `SWEEP_SPEC_INVALID`. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** A sweep spec that does not validate; `problems` lists each one as `path: message`. */
export class SweepSpecError extends SweepError {
  /** One `path: message` line per problem. */
  readonly problems: readonly string[];
  constructor(source: string, problems: readonly string[]) {
    super("SWEEP_SPEC_INVALID", `${source}: invalid sweep spec\n${problems.map((p) => `  ${p}`).join("\n")}`);
    this.problems = problems;
  }
}

/** No sweep with that id (or prefix) in the run store. */
export class SweepNotFoundError extends SweepError {
  constructor(runsDir: string, id: string) {
    super("SWEEP_NOT_FOUND", `no sweep "${id}" in ${runsDir}/.sweeps`);
  }
}

/** A sweep record that cannot be read (corrupt JSON, newer schema). */
export class SweepRecordError extends SweepError {
  constructor(path: string, detail: string) {
    super("SWEEP_RECORD_INVALID", `${path}: ${detail}`);
  }
}

/** A Redis URL that is not `redis://` or `rediss://`, or is malformed. */
export class QueueUrlError extends SweepError {
  constructor(url: string, detail: string) {
    super("QUEUE_URL_INVALID", `--queue ${redactUrl(url)}: ${detail}`);
  }
}

/** The URL with its password replaced by `***`, for messages and logs. */
export function redactUrl(url: string): string {
  return url.replace(/^(rediss?:\/\/[^:@/]*:)[^@/]*@/i, "$1***@");
}
