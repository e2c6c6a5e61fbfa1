import { type SeedLike, toGenerator } from "./seed.js";

/** `size` distinct indices of `[0, total)`, drawn uniformly without replacement, in random order. */
export function randomSubset(total: number, size: number, seed: SeedLike): Int32Array {
  if (!Number.isInteger(total) || total < 0)
    throw new RangeError(`total must be a non-negative integer, got ${total}`);
  if (!Number.isInteger(size) || size < 0 || size > total) {
    throw new RangeError(`size must be an integer in [0, ${total}], got ${size}`);
  }
  const rng = toGenerator(seed);
  // A partial shuffle of all indices costs O(total) memory but is exact and simple; total <= 60000 here.
  const all = new Int32Array(total);
  for (let i = 0; i < total; i++) all[i] = i;
  return rng.sample(all, size);
}
