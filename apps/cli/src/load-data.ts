import { createHash } from "node:crypto";
import {
  DATASETS,
  type DatasetInfo,
  type DatasetName,
  type ImageSet,
  type LoadImageSetOptions,
  loadImageSet,
  stratifiedSubset,
  subsetImageSet,
  trainValSplit,
} from "@mlp-lab/datasets";
import { UsageError } from "./cli-error.js";

/** The data flags of `mlp train` (also stored in run.json's `config.data`, so eval can rebuild the split). */
export interface DataFlags {
  /** Registry name of the data set. */
  dataset: DatasetName;
  /** Folder tried first. */
  dataDir?: string | undefined;
  /** Download when no local copy exists (default true). */
  download?: boolean | undefined;
  /** Keep only the first N training samples (after any validation split). */
  trainLimit?: number | undefined;
  /** Keep only the first N validation samples. */
  valLimit?: number | undefined;
  /** The course's stratified sub-sampling: N training samples of each class. */
  perClass?: number | undefined;
  /** Carve this fraction of the training set out as validation instead of using the test set. */
  valSplit?: number | undefined;
  /** Seed of the sub-sampling and the split. */
  seed: number;
}

/** Training and validation data, ready for the batch loaders. */
export interface LoadedData {
  /** Registry entry of the data set. */
  info: DatasetInfo;
  /** Training samples. */
  train: ImageSet;
  /** Validation samples (the test split unless `valSplit`). */
  val: ImageSet;
  /** Which split the validation samples come from. */
  valFrom: "test" | "train";
  /** Index in its source split of each validation sample (to find its image again). */
  valIndices: Int32Array;
  /** What run.json records about the data. */
  record: { name: string; source: string; sha256: string; trainCount: number; valCount: number };
}

function sha256Of(set: ImageSet): string {
  return set.sha256 ?? createHash("sha256").update(set.images).update(set.labels).digest("hex");
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Load options for {@link loadImageSet}, warnings sent to `warn`. */
export function loadOptions(
  flags: Pick<DataFlags, "dataDir" | "download">,
  warn: (m: string) => void,
): LoadImageSetOptions {
  return {
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    ...(flags.download === false ? { download: false } : {}),
    onWarning: warn,
  };
}

/**
 * Load the training and validation samples the flags describe: the test split as validation (like
 * the course) or a seeded split of the training set, then the per-class subset and the limits.
 */
export async function loadData(flags: DataFlags, warn: (m: string) => void): Promise<LoadedData> {
  const info = DATASETS[flags.dataset];
  const options = loadOptions(flags, warn);
  let train = await loadImageSet(flags.dataset, "train", options);
  const sha256 = sha256Of(train);
  const source = train.source;
  let val: ImageSet;
  let valIndices: Int32Array;
  let valFrom: LoadedData["valFrom"] = "test";
  if (flags.valSplit !== undefined) {
    const split = trainValSplit(train.labels, {
      valFraction: flags.valSplit,
      seed: flags.seed,
      stratify: true,
    });
    val = subsetImageSet(train, split.val);
    valIndices = split.val;
    valFrom = "train";
    train = subsetImageSet(train, split.train);
  } else {
    val = await loadImageSet(flags.dataset, "test", options);
    valIndices = range(val.count);
  }
  if (flags.perClass !== undefined) {
    try {
      train = subsetImageSet(train, stratifiedSubset(train.labels, flags.perClass, flags.seed));
    } catch (error) {
      throw new UsageError(`--per-class ${flags.perClass}: ${(error as Error).message}`);
    }
  }
  if (flags.trainLimit !== undefined && flags.trainLimit < train.count) {
    train = subsetImageSet(train, range(flags.trainLimit));
  }
  if (flags.valLimit !== undefined && flags.valLimit < val.count) {
    valIndices = valIndices.slice(0, flags.valLimit);
    val = subsetImageSet(val, range(flags.valLimit));
  }
  return {
    info,
    train,
    val,
    valFrom,
    valIndices,
    record: { name: flags.dataset, source, sha256, trainCount: train.count, valCount: val.count },
  };
}
