import type { ImageSet } from "./image-set.js";
import { type LoadImageSetOptions, loadImageSet } from "./load-image-set.js";
import { type DataLoaders, type LoaderSetupOptions, dataLoadersFromSets } from "./loaders-from-sets.js";
import { DATASETS, type DatasetName } from "./registry.js";

export type { DataLoaders } from "./loaders-from-sets.js";

/** Options of {@link createDataLoaders}: where to read the set, and how to build the loaders around it. */
export interface DataLoadersOptions extends LoadImageSetOptions, LoaderSetupOptions {}

/**
 * The course's `load_mnist(batch_size_train, batch_size_test)` for any registered set: loads the splits,
 * applies the subset / validation split, and builds a shuffled training loader and an in-order
 * validation loader.
 */
export async function createDataLoaders(
  name: DatasetName,
  options: DataLoadersOptions,
): Promise<DataLoaders> {
  const info = DATASETS[name];
  const trainSet = await loadImageSet(name, "train", options);
  // The test split is read only when it is the validation set.
  const testSet: ImageSet | undefined =
    options.valFraction === undefined ? await loadImageSet(name, "test", options) : undefined;
  return dataLoadersFromSets(info, trainSet, testSet, options);
}
