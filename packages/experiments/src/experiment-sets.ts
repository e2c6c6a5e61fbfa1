import {
  type DatasetInfo,
  type ImageSet,
  stratifiedSubset,
  subsetImageSet,
  trainValSplit,
} from "@mlp-lab/datasets/web";
import type { ExperimentConfig } from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";

// Which samples an experiment trains and validates on, from splits already in memory: the same selection
// wherever the splits came from (files in Node, fetched IDX files in a page).

/** Where one split was read from, as run.json records it. */
export type SplitSource = {
  /** The folder, archive or URL read. */
  source: string;
  /** SHA-256 of the split's content as read (before any subset). */
  sha256: string;
  /** Which place of the search order gave it (`dataDir`, `cache`, `installed`, `download`…), when known. */
  origin?: string;
  /** Each file read with the SHA-256 of its stored bytes, when the reader lists them. */
  files?: Array<{ path: string; sha256: string }>;
};

/** Training and validation samples of an experiment, ready for the batch loaders. */
export interface ExperimentData {
  /** Registry entry of the data set. */
  info: DatasetInfo;
  /** Training samples. */
  train: ImageSet;
  /** Validation samples (the test split unless `data.valSplit`). */
  val: ImageSet;
  /** Which split the validation samples come from. */
  valFrom: "test" | "train";
  /** Index in its source split of each validation sample (to find its image again). */
  valIndices: Int32Array;
  /** What run.json records about the data: the train split's source and checksum, and each split's. */
  record: {
    name: string;
    source: string;
    sha256: string;
    trainCount: number;
    valCount: number;
    splits: Record<string, SplitSource>;
  };
}

/** The loaded splits of a data set and where each came from. */
export interface LoadedSplits {
  info: DatasetInfo;
  /** The whole training split. */
  train: ImageSet;
  /** The whole test split; not needed when `data.valSplit` validates on part of the training split. */
  test?: ImageSet;
  /** run.json's record of each split given (`train`, and `test` when given). */
  sources: { train: SplitSource; test?: SplitSource };
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/**
 * The samples an experiment uses: the test split as validation (like the course) or a seeded stratified
 * split of the training set, then the per-class subset and the limits.
 * @throws ExperimentError `BAD_DATA` when the per-class subset cannot be drawn or the test split is missing.
 */
export function experimentSets(
  config: Pick<ExperimentConfig, "dataset" | "data" | "seed">,
  splits: LoadedSplits,
): ExperimentData {
  const { data, dataset, seed } = config;
  let train = splits.train;
  const records: Record<string, SplitSource> = { train: splits.sources.train };
  let val: ImageSet;
  let valIndices: Int32Array;
  let valFrom: ExperimentData["valFrom"] = "test";
  if (data.valSplit !== undefined) {
    const split = trainValSplit(train.labels, { valFraction: data.valSplit, seed, stratify: true });
    val = subsetImageSet(train, split.val);
    valIndices = split.val;
    valFrom = "train";
    train = subsetImageSet(train, split.train);
  } else {
    if (!splits.test || !splits.sources.test)
      throw new ExperimentError("BAD_DATA", `${dataset}: the test split is needed to validate on it`);
    val = splits.test;
    records.test = splits.sources.test;
    valIndices = range(val.count);
  }
  if (data.perClass !== undefined) {
    try {
      train = subsetImageSet(train, stratifiedSubset(train.labels, data.perClass, seed));
    } catch (error) {
      throw new ExperimentError("BAD_DATA", `data.perClass ${data.perClass}: ${(error as Error).message}`);
    }
  }
  if (data.trainLimit !== undefined && data.trainLimit < train.count) {
    train = subsetImageSet(train, range(data.trainLimit));
  }
  if (data.valLimit !== undefined && data.valLimit < val.count) {
    valIndices = valIndices.slice(0, data.valLimit);
    val = subsetImageSet(val, range(data.valLimit));
  }
  const { source, sha256 } = splits.sources.train;
  return {
    info: splits.info,
    train,
    val,
    valFrom,
    valIndices,
    record: { name: dataset, source, sha256, trainCount: train.count, valCount: val.count, splits: records },
  };
}
