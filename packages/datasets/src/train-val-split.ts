import { indicesByClass, numClassesOf } from "./class-counts.js";
import { type SeedLike, toGenerator } from "./seed.js";

/** Options of {@link trainValSplit}. */
export interface TrainValSplitOptions {
  /** Fraction of samples that go to validation, in (0, 1). */
  valFraction: number;
  /** Seed or generator. */
  seed: SeedLike;
  /** Keep class proportions: take `round(valFraction * n_c)` of each class c (default false). */
  stratify?: boolean;
}

/** Indices of a train/validation split. Both are shuffled; together they cover every index exactly once. */
export interface TrainValSplit {
  train: Int32Array;
  val: Int32Array;
}

/** Carve a validation split out of a training set, optionally stratified by label. */
export function trainValSplit(labels: ArrayLike<number>, options: TrainValSplitOptions): TrainValSplit {
  const { valFraction } = options;
  if (!(valFraction > 0 && valFraction < 1)) {
    throw new RangeError(`valFraction must be in (0, 1), got ${valFraction}`);
  }
  const rng = toGenerator(options.seed);
  const n = labels.length;
  if (!options.stratify) {
    const perm = rng.permutation(n);
    const nVal = Math.round(valFraction * n);
    return { val: perm.slice(0, nVal), train: perm.slice(nVal) };
  }
  const val: number[] = [];
  const train: number[] = [];
  for (const pool of indicesByClass(labels, numClassesOf(labels))) {
    rng.shuffle(pool);
    const nVal = Math.round(valFraction * pool.length);
    for (let i = 0; i < pool.length; i++) (i < nVal ? val : train).push(pool[i]!);
  }
  return { val: rng.shuffle(Int32Array.from(val)), train: rng.shuffle(Int32Array.from(train)) };
}
