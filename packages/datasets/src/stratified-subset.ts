import { indicesByClass, numClassesOf } from "./class-counts.js";
import { type SeedLike, toGenerator } from "./seed.js";

/**
 * The course's stratified sub-sampling: `perClass` indices drawn without replacement from each class,
 * concatenated and shuffled (the "160 samples, 16 per class" experiment is `stratifiedSubset(labels, 16, seed)`).
 * @throws RangeError when a class has fewer than `perClass` samples.
 */
export function stratifiedSubset(labels: ArrayLike<number>, perClass: number, seed: SeedLike): Int32Array {
  if (!Number.isInteger(perClass) || perClass < 0) {
    throw new RangeError(`perClass must be a non-negative integer, got ${perClass}`);
  }
  const rng = toGenerator(seed);
  const byClass = indicesByClass(labels, numClassesOf(labels));
  const out = new Int32Array(perClass * byClass.length);
  byClass.forEach((pool, c) => {
    if (pool.length < perClass) {
      throw new RangeError(`class ${c} has ${pool.length} samples, fewer than perClass=${perClass}`);
    }
    out.set(rng.sample(pool, perClass), c * perClass);
  });
  return rng.shuffle(out);
}
