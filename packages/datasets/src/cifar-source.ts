import { existsSync } from "node:fs";
import { join } from "node:path";
import { readCifarArchive, readCifarDirectory } from "./cifar-reader.js";
import { DatasetError } from "./errors.js";
import type { ImageSet } from "./image-set.js";
import { DATASETS, type Split } from "./registry.js";

const SPEC = DATASETS.cifar10.cifar!;
const ARCHIVE = DATASETS.cifar10.files[0]!;

/** A CIFAR-10 copy found on disk: an extracted batches folder or the binary archive. */
export type CifarLocation = { kind: "directory"; path: string } | { kind: "archive"; path: string };

/**
 * Find CIFAR-10 in one of `folders`: the folder itself holding the `.bin` batches, its
 * `cifar-10-batches-bin/` subfolder, or `cifar-10-binary.tar.gz` in it (extracted folders first: faster).
 */
export function findCifar(folders: readonly string[]): CifarLocation {
  for (const dir of folders) {
    if (existsSync(join(dir, SPEC.members.test[0]!))) return { kind: "directory", path: dir };
    const sub = join(dir, SPEC.folder);
    if (existsSync(sub)) return { kind: "directory", path: sub };
    const archive = join(dir, SPEC.archive);
    if (existsSync(archive)) return { kind: "archive", path: archive };
  }
  throw new DatasetError("NOT_FOUND", folders.join(", "), `no ${SPEC.folder}/ or ${SPEC.archive}`);
}

/**
 * Read a split from a found copy. An archive whose MD5 differs from the published one is still used, with
 * a warning naming both digests (a local copy is trusted; a download is not, see `downloadFile`).
 */
export async function readCifarLocation(
  location: CifarLocation,
  split: Split,
  onWarning?: (msg: string) => void,
  expectedMd5: string = ARCHIVE.md5,
): Promise<ImageSet> {
  if (location.kind === "directory") return readCifarDirectory(location.path, split);
  const { set, md5 } = await readCifarArchive(location.path, split);
  if (md5 !== expectedMd5) {
    onWarning?.(`${location.path}: md5 ${md5} differs from the published ${ARCHIVE.name}'s ${expectedMd5}`);
  }
  return set;
}
