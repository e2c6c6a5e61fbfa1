import { ChecksumMismatchError, DatasetError } from "../errors.js";
import { imageSetFromIdx } from "../idx-image-set.js";
import { parseIdx } from "../idx-parse.js";
import type { ImageSet } from "../image-set.js";
import { DATASETS, type DatasetName, type Split, remoteFile } from "../registry.js";
import type { ByteCache } from "./byte-cache.js";
import { type FetchProgress, NotFoundResponse, fetchBytes } from "./fetch-bytes.js";
import { gunzipIfNeeded } from "./gunzip.js";
import { sha256Hex } from "./sha256.js";

/** Progress of a whole data set: every file's bytes added up. */
export interface DatasetProgress {
  /** Bytes received (or read from the cache) so far, over all files. */
  received: number;
  /** Sum of the files' published sizes (an estimate when a raw copy is served instead of `.gz`). */
  total: number;
  /** The file being fetched, or the last one done. */
  file: string;
  /** Where the bytes come from. */
  from: "network" | "cache";
}

/** Options of {@link fetchIdxDataset}. */
export interface FetchIdxDatasetOptions {
  /** Folder URL the IDX files are served from (`.gz` or raw names), e.g. `"data/mnist/"`. Trailing slash optional. */
  baseUrl: string;
  /** Splits to fetch (default both). */
  splits?: readonly Split[];
  /** Keeps verified files between page loads; see `cacheStorageByteCache`. */
  cache?: ByteCache;
  /** Called as bytes arrive. */
  onProgress?: (progress: DatasetProgress) => void;
  /** Cancels the downloads. */
  signal?: AbortSignal;
  /** The `fetch` to use (default: the global one). */
  fetch?: typeof fetch;
}

/**
 * Fetch an IDX data set (MNIST, Fashion-MNIST) over HTTP(S) in a browser or any runtime with `fetch`: each file
 * is tried under its published `.gz` name then its raw name, gunzipped in the page when compressed, checked
 * against the SHA-256 of the published content (so a wrong or damaged copy is refused, naming its URL),
 * parsed and validated, and kept in `cache` once verified.
 */
export async function fetchIdxDataset(
  name: DatasetName,
  options: FetchIdxDatasetOptions,
): Promise<Partial<Record<Split, ImageSet>>> {
  const info = DATASETS[name];
  if (info.format !== "idx" || info.idx === undefined) {
    throw new DatasetError(
      "UNAVAILABLE",
      name,
      "only IDX data sets (mnist, fashion-mnist) can be fetched in a page",
    );
  }
  if (typeof options.baseUrl !== "string" || options.baseUrl === "") {
    throw new TypeError("fetchIdxDataset: options.baseUrl is required (the folder URL of the IDX files)");
  }
  const base = options.baseUrl.endsWith("/") ? options.baseUrl : `${options.baseUrl}/`;
  const splits = options.splits ?? (["train", "test"] as const);
  const idx = info.idx;
  const names = splits.flatMap((split) => [idx[split].images, idx[split].labels]);
  const total = names.reduce((sum, file) => sum + (remoteFile(info, file)?.size ?? 0), 0);
  const done = new Map<string, number>();
  const report = (file: string, bytes: number, from: DatasetProgress["from"]) => {
    done.set(file, bytes);
    let received = 0;
    for (const value of done.values()) received += value;
    options.onProgress?.({ received, total, file, from });
  };
  const fetchOne = async (file: string): Promise<{ bytes: Uint8Array; url: string }> => {
    const expected = remoteFile(info, file)?.rawSha256;
    const cacheKey = `${name}/${file}#${expected ?? "unverified"}`;
    const cached = await options.cache?.get(cacheKey);
    if (cached !== undefined) {
      report(file, remoteFile(info, file)?.size ?? cached.length, "cache");
      return { bytes: cached, url: `${base}${file} (cached)` };
    }
    const candidates = [file, file.replace(/\.gz$/, "")].filter((c, i, all) => all.indexOf(c) === i);
    let lastMissing: NotFoundResponse | undefined;
    for (const candidate of candidates) {
      const url = `${base}${candidate}`;
      let body: Uint8Array;
      try {
        body = await fetchBytes(url, {
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
          onProgress: (p: FetchProgress) => report(file, p.received, "network"),
        });
      } catch (error) {
        if (error instanceof NotFoundResponse) {
          lastMissing = error;
          continue;
        }
        throw error;
      }
      const raw = await gunzipIfNeeded(body, url);
      if (expected !== undefined) {
        const actual = await sha256Hex(raw);
        if (actual !== expected)
          throw new ChecksumMismatchError(url, "sha256 (decompressed)", expected, actual);
      }
      await options.cache?.put(cacheKey, raw);
      return { bytes: raw, url };
    }
    throw new DatasetError(
      "NOT_FOUND",
      `${base}${file}`,
      `not served (tried ${candidates.join(", ")}; last answer: ${lastMissing?.fault ?? "none"})`,
    );
  };
  const result: Partial<Record<Split, ImageSet>> = {};
  for (const split of splits) {
    // One file at a time: errors name the first file at fault, and progress grows in a stable order.
    const images = await fetchOne(idx[split].images);
    const labels = await fetchOne(idx[split].labels);
    result[split] = imageSetFromIdx(parseIdx(images.bytes, images.url), parseIdx(labels.bytes, labels.url), {
      name,
      split,
      classNames: info.classNames,
      source: base,
    });
  }
  return result;
}
