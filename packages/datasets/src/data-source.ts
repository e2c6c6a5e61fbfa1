import { DatasetError } from "./errors.js";
import type { ImageSet, SourceFile, SourceOrigin } from "./image-set.js";
import type { Split } from "./registry.js";

/**
 * Where one split came from, for run metadata (`run.json`): enough to tell later which files trained a
 * model and to check that they have not changed since (`sha256sum` the listed files).
 */
export interface SplitSourceRecord {
  /** Which split. */
  split: Split;
  /** The folder or archive read. */
  source: string;
  /** Which place of the search order gave it: a folder the user named, the cache, an installed copy, a download. */
  origin: SourceOrigin | "unknown";
  /** SHA-256 of the decoded content (independent of gzip); see `ImageSet.sha256`. */
  sha256: string;
  /** Each file read, with the SHA-256 of its bytes as stored. */
  files: SourceFile[];
}

/**
 * The provenance of a split as `loadImageSet` returned it, before any subset is taken (a subset drops the
 * content digest, since it no longer holds the whole content).
 * @throws DatasetError `UNAVAILABLE` when the set carries no digest (a subset, or a set built by hand).
 */
export function splitSourceRecord(set: ImageSet): SplitSourceRecord {
  if (set.sha256 === undefined) {
    throw new DatasetError(
      "UNAVAILABLE",
      set.source,
      `${set.name} ${set.split} carries no content digest (take the record before subsetting)`,
    );
  }
  return {
    split: set.split,
    source: set.source,
    origin: set.origin ?? "unknown",
    sha256: set.sha256,
    files: (set.files ?? []).map((f) => ({ ...f })),
  };
}
