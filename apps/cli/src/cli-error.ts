/** Exit codes of `mlp`, like sysexits: usage errors differ from failures. */
export const EXIT = { ok: 0, failure: 1, usage: 2, interrupted: 130 } as const;

/** A bad flag or argument: printed with the flag's name, exits with {@link EXIT.usage}. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}
