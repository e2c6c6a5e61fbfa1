import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import { type ExperimentConfig, ExperimentConfigError, parseExperimentConfig } from "@mlp-lab/experiments";
import type { Command } from "commander";
import { parse as parseYaml } from "yaml";
import { UsageError } from "./cli-error.js";
import { closest } from "./parse-flags.js";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

/** Read a JSON or YAML config file (`-`: standard input) into a plain object. */
async function readConfigObject(path: string): Promise<Record<string, unknown>> {
  const text = await (path === "-" ? readStdin() : readFile(path, "utf8")).catch(
    (error: NodeJS.ErrnoException) => {
      throw new UsageError(`--config ${path}: cannot read it (${error.code ?? error.message})`);
    },
  );
  let value: unknown;
  try {
    value =
      path === "-" || [".yaml", ".yml"].includes(extname(path).toLowerCase())
        ? parseYaml(text)
        : JSON.parse(text);
  } catch (error) {
    throw new UsageError(
      `--config ${path}: not valid ${extname(path) === ".json" ? "JSON" : "JSON or YAML"}: ${(error as Error).message}`,
    );
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new UsageError(`--config ${path}: expected an object of flag names and values`);
  }
  return value as Record<string, unknown>;
}

function camel(key: string): string {
  return key.replace(/^--/, "").replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * Read `--config`: an experiment config document (it has a `version`, as `mlp train --print-config`
 * prints), returned for the flags to override; or a file of flag values, applied to the parsed command:
 * each key is a flag name (`batch-size` or `batchSize`), each value parsed and validated exactly like the
 * flag. Flags given on the command line win either way.
 */
export async function applyConfigFile(
  cmd: Command,
  path: string,
  ignore: readonly string[] = [],
): Promise<ExperimentConfig | undefined> {
  const values = await readConfigObject(path);
  if ("version" in values) {
    try {
      return parseExperimentConfig(values, `--config ${path}`);
    } catch (error) {
      throw error instanceof ExperimentConfigError ? new UsageError(error.message) : error;
    }
  }
  const options = cmd.options.filter((o) => !ignore.includes(o.attributeName()));
  const names = options.map((o) => o.long!.replace(/^--(no-)?/, ""));
  for (const [rawKey, value] of Object.entries(values)) {
    const key = camel(rawKey);
    const option =
      options.find((o) => o.attributeName() === key && !o.negate) ??
      options.find((o) => o.attributeName() === key);
    if (!option) {
      const near = closest(
        rawKey.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`),
        names,
      );
      throw new UsageError(
        `--config ${path}: unknown key "${rawKey}"${near ? ` (did you mean "${near}"?)` : ""}`,
      );
    }
    if (cmd.getOptionValueSource(key) === "cli") continue;
    let parsed: unknown = value;
    if (option.isBoolean()) {
      if (typeof value !== "boolean")
        throw new UsageError(`--config ${path}: "${rawKey}" must be true or false`);
    } else if (option.parseArg) {
      const text = Array.isArray(value) ? value.join(",") : String(value);
      try {
        parsed = option.parseArg(text, undefined as never);
      } catch (error) {
        throw new UsageError(`--config ${path}: ${(error as Error).message}`);
      }
    }
    cmd.setOptionValueWithSource(key, parsed, "config");
  }
  return undefined;
}
