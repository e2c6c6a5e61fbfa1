import { Option } from "commander";
import { UsageError } from "./cli-error.js";

/** Parse a number flag that must be > 0 (learning rates, ...). */
export function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
      throw new UsageError(`${flag} must be a positive number, got "${value}"`);
    }
    return n;
  };
}

/** Parse a number flag that must be >= 0 (momentum, weight decay, ...). */
export function nonNegativeNumber(flag: string, max = Number.POSITIVE_INFINITY) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n < 0 || n > max) {
      const range = max === Number.POSITIVE_INFINITY ? ">= 0" : `in [0, ${max}]`;
      throw new UsageError(`${flag} must be a number ${range}, got "${value}"`);
    }
    return n;
  };
}

/** Parse an integer flag with a lower bound (epochs >= 0, batch size >= 1, ...). */
export function integer(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min) {
      throw new UsageError(`${flag} must be an integer >= ${min}, got "${value}"`);
    }
    return n;
  };
}

/** Parse `512,256,128` into layer sizes. */
export function layerList(flag: string) {
  return (value: string): number[] => {
    const parts = value.split(",").map((p) => p.trim());
    const sizes = parts.map(Number);
    const bad = parts.findIndex((p, i) => !/^\d+$/.test(p) || sizes[i]! <= 0);
    if (parts.length === 0 || bad >= 0) {
      throw new UsageError(
        `${flag} takes comma-separated positive integers such as 512,256,128; "${parts[bad] ?? value}" is not one`,
      );
    }
    return sizes;
  };
}

/** A choice among fixed names, with a did-you-mean for near misses. */
export function choice<T extends string>(flag: string, choices: readonly T[]) {
  return (value: string): T => {
    if ((choices as readonly string[]).includes(value)) return value as T;
    const near = closest(value, choices);
    const hint = near ? ` Did you mean "${near}"?` : "";
    throw new UsageError(`${flag}: unknown value "${value}" (choose one of ${choices.join(", ")}).${hint}`);
  };
}

/** The candidate within edit distance 2 of `value`, if any. */
export function closest(value: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const c of candidates) {
    const d = editDistance(value.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = c;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** Parse a fraction flag in the open interval (0, 1) (validation split, ...). */
export function fraction(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0 || n >= 1) {
      throw new UsageError(`${flag} must be a number between 0 and 1 (exclusive), got "${value}"`);
    }
    return n;
  };
}

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
