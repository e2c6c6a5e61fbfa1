import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { combinedSha256, digestOf } from "./checksum.js";
import { DatasetError } from "./errors.js";
import { imageSetFromIdx } from "./idx-image-set.js";
import { parseIdx } from "./idx-reader.js";
import type { ImageSet } from "./image-set.js";
import { maybeGunzip, readFileBytes } from "./read-bytes.js";
import { type DatasetInfo, type Split, remoteFile } from "./registry.js";

/** Where the two IDX files of a split were found. */
export interface IdxFiles {
  images: string;
  labels: string;
}

/** The file in `dir` for a published `.gz` name: the raw name first (cheaper to read), then the `.gz`. */
function findFile(dir: string, gzName: string): string | undefined {
  const raw = gzName.replace(/\.gz$/, "");
  for (const name of [raw, gzName]) {
    const path = join(dir, name);
    if (existsSync(path)) return path;
  }
  return undefined;
}

/**
 * Find a split's IDX files in one of `folders` (both files in the same folder).
 * @throws DatasetError `NOT_FOUND` naming the files looked for.
 */
export function findIdxFiles(info: DatasetInfo, split: Split, folders: readonly string[]): IdxFiles {
  const names = info.idx![split];
  for (const dir of folders) {
    const images = findFile(dir, names.images);
    const labels = findFile(dir, names.labels);
    if (images !== undefined && labels !== undefined) return { images, labels };
    // Half a pair is a broken copy, not an absent one: say which file is missing, next to which.
    const [present, absent] = images !== undefined ? [images, names.labels] : [labels, names.images];
    if (present !== undefined) {
      const raw = absent.replace(/\.gz$/, "");
      throw new DatasetError(
        "NOT_FOUND",
        join(dir, raw),
        `missing (no ${raw} or ${absent}), though ${present} is there`,
      );
    }
  }
  const raw = names.images.replace(/\.gz$/, "");
  throw new DatasetError(
    "NOT_FOUND",
    folders.join(", "),
    `no ${raw}[.gz] with ${names.labels.replace(/\.gz$/, "")}[.gz]`,
  );
}

/**
 * Read and validate a split from its two IDX files; each file's content is checked against the registry's
 * SHA-256 and a difference is passed to `onWarning` (the data is still used: a local copy is trusted).
 */
export async function readIdxSplit(
  info: DatasetInfo,
  split: Split,
  files: IdxFiles,
  onWarning?: (msg: string) => void,
): Promise<ImageSet> {
  const names = info.idx![split];
  const parts: { name: string; sha256: string }[] = [];
  const stored: { path: string; sha256: string }[] = [];
  const decoded = [];
  for (const [path, published] of [
    [files.images, names.images],
    [files.labels, names.labels],
  ] as const) {
    const raw = await readFileBytes(path);
    const bytes = await maybeGunzip(raw, path);
    const sha256 = digestOf(bytes);
    stored.push({ path, sha256: raw === bytes ? sha256 : digestOf(raw) });
    const known = remoteFile(info, published)?.rawSha256;
    if (known !== undefined && known !== sha256) {
      onWarning?.(
        `${path}: content sha256 ${sha256} differs from the published ${info.name} file's ${known}`,
      );
    }
    parts.push({ name: published.replace(/\.gz$/, ""), sha256 });
    decoded.push(parseIdx(bytes, path));
  }
  const set = imageSetFromIdx(decoded[0]!, decoded[1]!, {
    name: info.name,
    split,
    classNames: info.classNames,
    source:
      dirname(files.images) === dirname(files.labels)
        ? dirname(files.images)
        : `${files.images} + ${files.labels}`,
    sha256: combinedSha256(parts),
  });
  set.files = stored;
  return set;
}
