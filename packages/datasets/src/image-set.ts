import type { Split } from "./registry.js";

/** Which place of the search order a split was read from (see `loadImageSet`). */
export type SourceOrigin = "dataDir" | "MLP_DATA_DIR" | "cache" | "installed" | "download";

/** One file a split was read from, with the SHA-256 of its bytes as stored (what `sha256sum` prints). */
export interface SourceFile {
  /** Path of the file (for CIFAR-10 read from its archive: the archive). */
  path: string;
  /** SHA-256 of the file's bytes on disk (compressed bytes for a `.gz` or `.tar.gz`). */
  sha256: string;
}

/** A whole split of an image data set in memory, as bytes. */
export interface ImageSet {
  /** Data set name (registry key, or a custom name). */
  name: string;
  /** Which split. */
  split: Split;
  /** `count * height * width * channels` bytes, HWC row-major per image (MNIST: channels = 1). */
  images: Uint8Array;
  /** One label per image, in `[0, classNames.length)`. */
  labels: Uint8Array;
  /** Number of images. */
  count: number;
  /** Image height in pixels. */
  height: number;
  /** Image width in pixels. */
  width: number;
  /** Channels per pixel. */
  channels: number;
  /** Class names, index = label. */
  classNames: readonly string[];
  /** The file, folder, archive or URL it came from, for messages and run metadata. */
  source: string;
  /**
   * SHA-256 of the data read, for run metadata: for one file its content digest; for several, the digest
   * of their `sha256sum`-style listing (`<digest>  <file name>\n` per file, in reading order).
   */
  sha256?: string;
  /** Which place of the search order gave it (set by `loadImageSet`). */
  origin?: SourceOrigin;
  /** The files read, each with the digest of its stored bytes (set by the file readers). */
  files?: readonly SourceFile[];
}

/** Features per image (`height * width * channels`). */
export function featuresOf(set: Pick<ImageSet, "height" | "width" | "channels">): number {
  return set.height * set.width * set.channels;
}
