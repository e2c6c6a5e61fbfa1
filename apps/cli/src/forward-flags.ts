import type { Command } from "commander";

/**
 * The command-line form of every option the user set (on the command line or in a config file), to
 * hand the same settings to a worker process. Defaults are left out: the worker has the same ones.
 */
export function forwardFlags(cmd: Command, skip: readonly string[]): string[] {
  const args: string[] = [];
  for (const option of cmd.options) {
    const key = option.attributeName();
    if (skip.includes(key)) continue;
    const source = cmd.getOptionValueSource(key);
    if (source !== "cli" && source !== "config") continue;
    const value: unknown = cmd.getOptionValue(key);
    const long = option.long!;
    if (option.negate) {
      if (value === false) args.push(long);
    } else if (option.isBoolean()) {
      if (value === true) args.push(long);
    } else if (Array.isArray(value)) {
      args.push(long, value.join(","));
    } else if (value !== undefined) {
      args.push(long, String(value));
    }
  }
  return args;
}
