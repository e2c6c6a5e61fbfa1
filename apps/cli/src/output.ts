/** How a command reports: human lines, JSON for machines, or nothing but errors. */
export interface OutputFlags {
  /** Print one JSON document on stdout instead of human text. */
  json?: boolean;
  /** Print nothing but warnings and errors. */
  quiet?: boolean;
}

/**
 * Where a command's text goes. Human results go to stdout (pipeable), progress and notes to stderr,
 * so `--json` output on stdout stays one clean document.
 */
export class Output {
  readonly json: boolean;
  readonly quiet: boolean;

  constructor(flags: OutputFlags) {
    this.json = flags.json ?? false;
    this.quiet = flags.quiet ?? false;
  }

  /** A result line for humans (silent with --json or --quiet). */
  line(text = ""): void {
    if (!this.json && !this.quiet) process.stdout.write(`${text}\n`);
  }

  /** A side note (backend, paths) on stderr, silent with --quiet. */
  note(text: string): void {
    if (!this.quiet) process.stderr.write(`${text}\n`);
  }

  /** A warning on stderr, always shown. */
  warn(text: string): void {
    process.stderr.write(`warning: ${text}\n`);
  }

  /** The JSON document of a `--json` run. */
  result(value: unknown): void {
    if (this.json) process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }
}
