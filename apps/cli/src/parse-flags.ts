import { layerList } from "@mlp-lab/experiments/flags";
import { Option } from "commander";
import { UsageError } from "./cli-error.js";

// The value parsers live with the flag table; the commands use them for their own flags too.
export { choice, closest, integer, layerList } from "@mlp-lab/experiments/flags";

/** Collect a repeatable layer-list flag (`--layers 50 --layers 512,256`). */
export function layerLists(flag: string) {
  const parse = layerList(flag);
  return (value: string, previous: number[][] | undefined): number[][] => [...(previous ?? []), parse(value)];
}

/** Collect a repeatable string flag into an array. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/**
 * Collect a repeatable http(s) URL flag (`--mirror URL --mirror URL`). Checked here so a typo is a usage
 * error naming the flag, not a download failure deep in the data set loader.
 */
export function urlList(flag: string) {
  return (value: string, previous: string[] | undefined): string[] => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new UsageError(`${flag} must be an http:// or https:// URL, got "${value}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:")
      throw new UsageError(`${flag} must be an http:// or https:// URL, got "${value}"`);
    return [...(previous ?? []), value];
  };
}

/** `--runs-dir`, shared by every command that reads or writes runs (env MLP_RUNS_DIR). */
export function runsDirOption(): Option {
  return new Option("--runs-dir <dir>", "run store folder (env MLP_RUNS_DIR)").default(
    process.env.MLP_RUNS_DIR || "runs",
  );
}
