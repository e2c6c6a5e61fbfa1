import { EstimatorError } from "./errors.js";

/** A check of one option's value: undefined when it is acceptable, else what it must be. */
export type OptionCheck = (value: unknown) => string | undefined;

const show = (v: unknown): string =>
  typeof v === "string" ? JSON.stringify(v) : Array.isArray(v) ? `[${v.map(show).join(", ")}]` : String(v);

const isNumber = (v: unknown): v is number => typeof v === "number" && !Number.isNaN(v);

/** A finite number > `min` (or ≥ with `inclusive`). */
export function numberAbove(min: number, inclusive = false): OptionCheck {
  return (v) =>
    isNumber(v) && Number.isFinite(v) && (inclusive ? v >= min : v > min)
      ? undefined
      : `must be a finite number ${inclusive ? ">=" : ">"} ${min}`;
}

/** An integer ≥ `min`. */
export function integerFrom(min: number): OptionCheck {
  return (v) => (Number.isInteger(v) && (v as number) >= min ? undefined : `must be an integer >= ${min}`);
}

/** A number in the open interval (lo, hi). */
export function openInterval(lo: number, hi: number): OptionCheck {
  return (v) => (isNumber(v) && v > lo && v < hi ? undefined : `must be a number in (${lo}, ${hi})`);
}

/** A number in [lo, hi). */
export function halfOpen(lo: number, hi: number): OptionCheck {
  return (v) => (isNumber(v) && v >= lo && v < hi ? undefined : `must be a number in [${lo}, ${hi})`);
}

/** One of `choices`. */
export function oneOf(choices: readonly string[]): OptionCheck {
  return (v) =>
    typeof v === "string" && choices.includes(v)
      ? undefined
      : `must be one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`;
}

/** A boolean. */
export const boolean: OptionCheck = (v) => (typeof v === "boolean" ? undefined : "must be a boolean");

/** A function. */
export const func: OptionCheck = (v) => (typeof v === "function" ? undefined : "must be a function");

/** A non-empty array of integers ≥ 1. */
export const layerSizes: OptionCheck = (v) =>
  Array.isArray(v) && v.length > 0 && v.every((n) => Number.isInteger(n) && n >= 1)
    ? undefined
    : "must be a non-empty array of integers >= 1";

/**
 * Check an options object at the boundary: it must be a plain object, every key must be known (an unknown
 * one is named with the closest known name, so `soler` suggests `solver` and scikit-learn's `max_iter`
 * suggests `maxIter`), and every value that is not undefined must pass its check. Throws an
 * {@link EstimatorError} (`BAD_OPTION`) naming the field: `LogisticRegression: options.C must be a finite
 * number > 0, got -1`.
 */
export function checkOptions(owner: string, options: unknown, checks: Record<string, OptionCheck>): void {
  if (options === undefined) return;
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new EstimatorError(
      "BAD_OPTION",
      `${owner}: options must be an object, got ${show(options)}`,
      "options",
    );
  }
  const known = Object.keys(checks);
  for (const key of Object.keys(options)) {
    if (!Object.hasOwn(checks, key)) {
      const near = closest(key, known);
      throw new EstimatorError(
        "BAD_OPTION",
        `${owner}: unknown option ${JSON.stringify(key)}${near ? ` (did you mean ${JSON.stringify(near)}?)` : ""}`,
        `options.${key}`,
      );
    }
  }
  for (const key of known) {
    const value = (options as Record<string, unknown>)[key];
    if (value === undefined) continue;
    const problem = checks[key]!(value);
    if (problem) {
      throw new EstimatorError(
        "BAD_OPTION",
        `${owner}: options.${key} ${problem}, got ${show(value)}`,
        `options.${key}`,
      );
    }
  }
}

/** The known name nearest to `key` (snake_case read as camelCase, case ignored), if any is near enough. */
function closest(key: string, known: readonly string[]): string | undefined {
  const norm = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()).toLowerCase();
  const k = norm(key);
  let best: string | undefined;
  let bestDist = Number.POSITIVE_INFINITY;
  for (const name of known) {
    const d = editDistance(k, name.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = name;
    }
  }
  return best !== undefined && bestDist <= Math.max(2, Math.floor(k.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length]!;
}
