import { Generator } from "@mlp-lab/random";
import { BatchLoader } from "./batch-loader.js";
import { type DatasetSummary, datasetSummary } from "./dataset-summary.js";
import type { ImageSet } from "./image-set.js";
import type { AugmentOptions, Normalization } from "./pixel-transform.js";
import { randomSubset } from "./random-subset.js";
import type { DatasetInfo } from "./registry.js";
import { stratifiedSubset } from "./stratified-subset.js";
import { trainValSplit } from "./train-val-split.js";

// The loader set-up of `createDataLoaders` on splits already in memory, without file access, so a browser
// page (which fetched the files itself) builds exactly the loaders the CLI builds.

/** How the loaders are built around the splits: batch sizes, seed, normalisation, augmentation, subsets. */
export interface LoaderSetupOptions {
  /** Training batch size (course: 64 for MNIST, 100 for CIFAR-10). */
  batchSize: number;
  /** Validation batch size (default 1000; the course uses 10000 for MNIST). */
  valBatchSize?: number;
  /** Seed of every draw: subset, split, shuffles, augmentation (default 0). */
  seed?: number;
  /** `true` (default): the registry's per-channel mean/std; `false`: only scale to [0,1]; or explicit values. */
  normalize?: boolean | Normalization;
  /** Training augmentation (`true`: pad 4, random crop, random flip); never applied to validation. */
  augment?: boolean | AugmentOptions;
  /** Train on a subset: `{ perClass }` stratified (the course's 160 = 16 x 10), or `{ size }` at random. */
  trainSubset?: { perClass: number } | { size: number };
  /** Carve validation out of the training split (this fraction, stratified) instead of using the test split. */
  valFraction?: number;
  /** Drop the last short training batch. */
  dropLast?: boolean;
}

/** Ready-to-iterate training and validation loaders, with the sets and the course's summary. */
export interface DataLoaders {
  /** Registry entry of the set. */
  info: DatasetInfo;
  /** Shuffled training loader (seeded; augmented when asked). */
  train: BatchLoader;
  /** In-order validation loader, never augmented. */
  val: BatchLoader;
  /** The set the training loader draws from (the train split). */
  trainSet: ImageSet;
  /** The set the validation loader draws from (the test split, or the train split with `valFraction`). */
  valSet: ImageSet;
  /** Training indices when a subset or a validation fraction is used. */
  trainIndices?: Int32Array;
  /** Validation indices when `valFraction` is used. */
  valIndices?: Int32Array;
  /** Shapes, features, classes and label counts, counted over what each loader yields. */
  summary: DatasetSummary;
}

/**
 * Build the training and validation loaders from splits in memory: the subset / validation split, a
 * shuffled training loader and an in-order validation loader, with the same seeded draws as
 * `createDataLoaders`. `testSet` is needed unless `valFraction` is given.
 */
export function dataLoadersFromSets(
  info: DatasetInfo,
  trainSet: ImageSet,
  testSet: ImageSet | undefined,
  options: LoaderSetupOptions,
): DataLoaders {
  const seed = options.seed ?? 0;
  // One generator for subset and split draws; the loaders get their own seeds derived from it.
  const rng = new Generator(seed);
  let trainIndices: Int32Array | undefined;
  let valIndices: Int32Array | undefined;
  let valSet: ImageSet;
  if (options.valFraction !== undefined) {
    const split = trainValSplit(trainSet.labels, {
      valFraction: options.valFraction,
      seed: rng,
      stratify: true,
    });
    trainIndices = split.train;
    valIndices = split.val;
    valSet = trainSet;
  } else {
    if (testSet === undefined) {
      throw new TypeError("dataLoadersFromSets: testSet is required unless options.valFraction is given");
    }
    valSet = testSet;
  }
  if (options.trainSubset !== undefined) {
    const pool = trainIndices;
    const labels = pool === undefined ? trainSet.labels : Uint8Array.from(pool, (i) => trainSet.labels[i]!);
    const local =
      "perClass" in options.trainSubset
        ? stratifiedSubset(labels, options.trainSubset.perClass, rng)
        : randomSubset(labels.length, options.trainSubset.size, rng);
    trainIndices = pool === undefined ? local : Int32Array.from(local, (i) => pool[i]!);
  }
  const normalize =
    options.normalize === false
      ? undefined
      : options.normalize === true || options.normalize === undefined
        ? info
        : options.normalize;
  const common = normalize === undefined ? {} : { normalize };
  const trainOptions: ConstructorParameters<typeof BatchLoader>[1] = {
    ...common,
    batchSize: options.batchSize,
    shuffle: true,
    seed: rng.nextUint32(),
    dropLast: options.dropLast ?? false,
  };
  if (trainIndices !== undefined) trainOptions.indices = trainIndices;
  if (options.augment !== undefined && options.augment !== false) trainOptions.augment = options.augment;
  const valOptions: ConstructorParameters<typeof BatchLoader>[1] = {
    ...common,
    batchSize: options.valBatchSize ?? 1000,
  };
  if (valIndices !== undefined) valOptions.indices = valIndices;
  const summaryIndices: Record<string, Int32Array> = {};
  if (trainIndices !== undefined) summaryIndices.train = trainIndices;
  if (valIndices !== undefined) summaryIndices.val = valIndices;
  const result: DataLoaders = {
    info,
    train: new BatchLoader(trainSet, trainOptions),
    val: new BatchLoader(valSet, valOptions),
    trainSet,
    valSet,
    summary: datasetSummary({ train: trainSet, val: valSet }, summaryIndices),
  };
  if (trainIndices !== undefined) result.trainIndices = trainIndices;
  if (valIndices !== undefined) result.valIndices = valIndices;
  return result;
}
