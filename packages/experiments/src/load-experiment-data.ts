import { createHash } from "node:crypto";
import {
  DATASETS,
  type DatasetInfo,
  type ImageSet,
  type LoadImageSetOptions,
  loadImageSet,
  splitSourceRecord,
  stratifiedSubset,
  subsetImageSet,
  trainValSplit,
} from "@mlp-lab/datasets";
import type { ExperimentConfig } from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";

/** Where one split was read from, as run.json records it. */
export type SplitSource = {
  /** The folder or archive read. */
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

/** The datasets package's provenance record of a whole split (hashed here if the reader gave no digest). */
function splitSource(set: ImageSet): SplitSource {
  if (set.sha256 === undefined)
    return {
      source: set.source,
      sha256: createHash("sha256").update(set.images).update(set.labels).digest("hex"),
    };
  const { split: _split, ...record } = splitSourceRecord(set);
  return record;
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** {@link loadImageSet} options for an experiment's data settings; warnings go to `warn`. */
export function loadOptionsOf(
  data: Pick<ExperimentConfig["data"], "dir" | "download">,
  warn: (message: string) => void,
): LoadImageSetOptions {
  return {
    ...(data.dir ? { dataDir: data.dir } : {}),
    ...(data.download === false ? { download: false } : {}),
    onWarning: warn,
  };
}

/**
 * Load the training and validation samples an experiment describes: the test split as validation (like
 * the course) or a seeded stratified split of the training set, then the per-class subset and the limits.
 * @throws ExperimentError `BAD_DATA` when the per-class subset cannot be drawn.
 */
export async function loadExperimentData(
  config: Pick<ExperimentConfig, "dataset" | "data" | "seed">,
  warn: (message: string) => void = () => {},
): Promise<ExperimentData> {
  const { data, dataset, seed } = config;
  const info = DATASETS[dataset];
  const options = loadOptionsOf(data, warn);
  let train = await loadImageSet(dataset, "train", options);
  const splits: Record<string, SplitSource> = { train: splitSource(train) };
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
    val = await loadImageSet(dataset, "test", options);
    splits.test = splitSource(val);
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
  const { source, sha256 } = splits.train!;
  return {
    info,
    train,
    val,
    valFrom,
    valIndices,
    record: { name: dataset, source, sha256, trainCount: train.count, valCount: val.count, splits },
  };
}
