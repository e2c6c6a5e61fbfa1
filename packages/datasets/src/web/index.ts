// The browser-safe entry of @mlp-lab/datasets: everything here runs without Node built-ins (fetch,
// DecompressionStream, Web Crypto and the Cache API instead of files, zlib and node:crypto).
export {
  BatchLoader,
  type Batch,
  type BatchLoaderOptions,
  type BatchLoaderState,
  type EpochPlan,
  type SampleSpec,
} from "../batch-loader.js";
export { classCounts, indicesByClass } from "../class-counts.js";
export { datasetSummary, formatDatasetSummary, type DatasetSummary } from "../dataset-summary.js";
export {
  ChecksumMismatchError,
  DatasetError,
  DatasetFormatError,
  DownloadError,
  type DatasetErrorCode,
} from "../errors.js";
export { imageSetFromIdx, type IdxImageSetMeta } from "../idx-image-set.js";
export { parseIdx, type IdxArray, type IdxData, type IdxDtype } from "../idx-parse.js";
export type { ImageSet } from "../image-set.js";
export { type DataLoaders, type LoaderSetupOptions, dataLoadersFromSets } from "../loaders-from-sets.js";
export type { AugmentOptions, Normalization } from "../pixel-transform.js";
export {
  DATASETS,
  DATASET_NAMES,
  type DatasetInfo,
  type DatasetName,
  type RemoteFile,
  type Split,
  getDatasetInfo,
  isDatasetName,
  remoteFile,
} from "../registry.js";
export { stratifiedSubset } from "../stratified-subset.js";
export { subsetImageSet } from "../subset-image-set.js";
export { trainValSplit, type TrainValSplit, type TrainValSplitOptions } from "../train-val-split.js";
export { type ByteCache, cacheStorageByteCache, memoryByteCache } from "./byte-cache.js";
export { type FetchBytesOptions, type FetchProgress, NotFoundResponse, fetchBytes } from "./fetch-bytes.js";
export { type DatasetProgress, type FetchIdxDatasetOptions, fetchIdxDataset } from "./fetch-idx-dataset.js";
export { gunzipIfNeeded, isGzip } from "./gunzip.js";
export { sha256Hex } from "./sha256.js";
