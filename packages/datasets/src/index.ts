export {
  BatchLoader,
  type Batch,
  type BatchLoaderOptions,
  type BatchLoaderState,
  type EpochPlan,
  type SampleSpec,
} from "./batch-loader.js";
export { defaultCacheDir } from "./cache-dir.js";
export { classCounts, indicesByClass } from "./class-counts.js";
export { combinedSha256, digestOf, type DigestAlgorithm } from "./checksum.js";
export {
  parseCifarBatches,
  parseCifarMeta,
  readCifarArchive,
  readCifarDirectory,
  type CifarArchiveRead,
  type CifarArrays,
} from "./cifar-reader.js";
export { datasetSummary, formatDatasetSummary, type DatasetSummary } from "./dataset-summary.js";
export {
  downloadFile,
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
} from "./download.js";
export {
  ChecksumMismatchError,
  DatasetAccessError,
  DatasetError,
  DatasetFormatError,
  DatasetUnavailableError,
  DownloadError,
  NamedSourceError,
  type NamedSourceKind,
  type DatasetErrorCode,
  type SourceAttempt,
} from "./errors.js";
export { imageSetFromIdx, type IdxImageSetMeta } from "./idx-image-set.js";
export { parseIdx, readIdx, type IdxArray, type IdxData, type IdxDtype } from "./idx-reader.js";
export { featuresOf, type ImageSet, type SourceFile, type SourceOrigin } from "./image-set.js";
export { splitSourceRecord, type SplitSourceRecord } from "./data-source.js";
export { DEBIAN_FASHION_MNIST_DIR, loadImageSet, type LoadImageSetOptions } from "./load-image-set.js";
export { type ImageSetLocation, locateImageSet } from "./locate-image-set.js";
export { parseMirrorChecksums } from "./mirror-checksums.js";
export {
  pixelLookupTable,
  type AugmentOptions,
  type Layout,
  type Normalization,
} from "./pixel-transform.js";
export { randomSubset } from "./random-subset.js";
export {
  DATASETS,
  DATASET_NAMES,
  getDatasetInfo,
  isDatasetName,
  type DatasetInfo,
  type DatasetName,
  type RemoteFile,
  type Split,
} from "./registry.js";
export type { SeedLike } from "./seed.js";
export { stratifiedSubset } from "./stratified-subset.js";
export { subsetImageSet } from "./subset-image-set.js";
export { trainValSplit, type TrainValSplit, type TrainValSplitOptions } from "./train-val-split.js";
export { channelStats, imagesToFloat, oneHot, type ImagesToFloatOptions } from "./transforms.js";
export { createDataLoaders, type DataLoaders, type DataLoadersOptions } from "./data-loaders.js";
export { type LoaderSetupOptions, dataLoadersFromSets } from "./loaders-from-sets.js";
