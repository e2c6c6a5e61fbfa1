import { DatasetFormatError } from "./errors.js";
import type { IdxArray } from "./idx-reader.js";
import type { ImageSet } from "./image-set.js";
import type { Split } from "./registry.js";
import { validateLabels } from "./validate-labels.js";

/** What {@link imageSetFromIdx} needs besides the two decoded files. */
export interface IdxImageSetMeta {
  /** Data set name for the result. */
  name: string;
  /** Split for the result. */
  split: Split;
  /** Class names; their count bounds the labels. */
  classNames: readonly string[];
  /** Where the files came from. */
  source: string;
  /** Digest of the files, for run metadata. */
  sha256?: string;
}

/**
 * Pair an IDX image file (`uint8`, `[count, height, width]` or `[count, height, width, channels]`) with its
 * IDX label file (`uint8`, `[count]`), checking types, shapes, equal counts and label range.
 */
export function imageSetFromIdx(images: IdxArray, labels: IdxArray, meta: IdxImageSetMeta): ImageSet {
  if (images.dtype !== "uint8") {
    throw new DatasetFormatError(
      "BAD_SHAPE",
      images.path,
      `images must be uint8, file holds ${images.dtype}`,
    );
  }
  if (images.shape.length !== 3 && images.shape.length !== 4) {
    throw new DatasetFormatError(
      "BAD_SHAPE",
      images.path,
      `images must have 3 or 4 dimensions (count, height, width[, channels]), got [${images.shape.join(", ")}]`,
    );
  }
  if (labels.dtype !== "uint8" || labels.shape.length !== 1) {
    throw new DatasetFormatError(
      "BAD_SHAPE",
      labels.path,
      `labels must be a 1-dimensional uint8 array, got ${labels.dtype} [${labels.shape.join(", ")}]`,
    );
  }
  const [count, height, width, channels = 1] = images.shape as [number, number, number, number?];
  if (labels.shape[0] !== count) {
    throw new DatasetFormatError(
      "COUNT_MISMATCH",
      labels.path,
      `${labels.shape[0]} labels but ${images.path} holds ${count} images`,
    );
  }
  const labelBytes = labels.data as Uint8Array;
  validateLabels(labelBytes, meta.classNames.length, labels.path);
  const set: ImageSet = {
    name: meta.name,
    split: meta.split,
    images: images.data as Uint8Array,
    labels: labelBytes,
    count,
    height,
    width,
    channels,
    classNames: meta.classNames,
    source: meta.source,
  };
  if (meta.sha256 !== undefined) set.sha256 = meta.sha256;
  return set;
}
