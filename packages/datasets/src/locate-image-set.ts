import { NamedSourceError } from "./errors.js";
import { type LoadImageSetOptions, loadImageSet } from "./load-image-set.js";
import type { DatasetName, Split } from "./registry.js";

/** Where {@link locateImageSet} found a split, or why it did not. */
export type ImageSetLocation =
  | { found: true; source: string; sha256?: string; count: number }
  | { found: false; reason: string };

/**
 * Where a split would be read from, without downloading it (`mlp datasets where`, `mlp doctor`). A split
 * that is nowhere is "not found" with the reasons; a named folder (`dataDir`, `MLP_DATA_DIR`) that is
 * broken for it is not an absence but a fault to fix, and its {@link NamedSourceError} is thrown. A
 * named folder that simply holds none of the set's files is "not found" like any other absence.
 */
export async function locateImageSet(
  name: DatasetName,
  split: Split,
  options: Omit<LoadImageSetOptions, "download"> = {},
): Promise<ImageSetLocation> {
  try {
    const set = await loadImageSet(name, split, { ...options, download: false });
    return {
      found: true,
      source: set.source,
      count: set.count,
      ...(set.sha256 ? { sha256: set.sha256 } : {}),
    };
  } catch (error) {
    if (error instanceof NamedSourceError && !error.setAbsent) throw error;
    return { found: false, reason: (error as Error).message };
  }
}
