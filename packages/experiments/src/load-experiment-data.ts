import { createHash } from "node:crypto";
import {
  DATASETS,
  type ImageSet,
  type LoadImageSetOptions,
  loadImageSet,
  splitSourceRecord,
} from "@mlp-lab/datasets";
import type { ExperimentConfig } from "./experiment-config.js";
import { type ExperimentData, type SplitSource, experimentSets } from "./experiment-sets.js";

export type { ExperimentData, SplitSource } from "./experiment-sets.js";

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
  const { data, dataset } = config;
  const options = loadOptionsOf(data, warn);
  const train = await loadImageSet(dataset, "train", options);
  // A validation split of the training set needs no test split: it is not read then.
  const test = data.valSplit === undefined ? await loadImageSet(dataset, "test", options) : undefined;
  return experimentSets(config, {
    info: DATASETS[dataset],
    train,
    ...(test ? { test } : {}),
    sources: { train: splitSource(train), ...(test ? { test: splitSource(test) } : {}) },
  });
}
