// Parsers of flag values: each takes the flag's name for its messages and returns a function of the
// text given, which returns the value or throws a FlagError naming the flag.
import { FlagError } from "./flag-error.js";

const invalid = (message: string) => new FlagError("INVALID_FLAG_VALUE", message);

/** Parse a number flag that must be > 0 (learning rates, ...). */
export function positiveNumber(flag: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === "" || !Number.isFinite(n) || n <= 0) {
      throw invalid(`${flag} must be a positive number, got "${value}"`);
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
      throw invalid(`${flag} must be a number ${range}, got "${value}"`);
    }
    return n;
  };
}

/** Parse an integer flag with a lower bound (epochs >= 0, batch size >= 1, ...). */
export function integer(flag: string, min: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^-?\d+$/.test(value.trim()) || n < min) {
      throw invalid(`${flag} must be an integer >= ${min}, got "${value}"`);
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
      throw invalid(
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
    throw invalid(`${flag}: unknown value "${value}" (choose one of ${choices.join(", ")}).${hint}`);
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
      throw invalid(`${flag} must be a number between 0 and 1 (exclusive), got "${value}"`);
    }
    return n;
  };
}
