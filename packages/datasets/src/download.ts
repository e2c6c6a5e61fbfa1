import { createHash, randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, unlink } from "node:fs/promises";
import http from "node:http";
import https from "node:https";
import { dirname } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { DigestAlgorithm } from "./checksum.js";
import { ChecksumMismatchError, DatasetError, DownloadError } from "./errors.js";

/** Download progress: bytes received so far and the total when the server sent a length. */
export interface DownloadProgress {
  /** File (URL) being downloaded. */
  file: string;
  /** Bytes received so far. */
  received: number;
  /** Total bytes, when known. */
  total?: number;
}

/** Options of {@link downloadFile}. */
export interface DownloadOptions {
  /** Digest the file must have; a mismatch rejects the download and leaves no file. */
  expected?: { algorithm: DigestAlgorithm; digest: string };
  /** Expected size in bytes, checked before the digest for a clearer message. */
  size?: number;
  /** Called as bytes arrive. */
  onProgress?: (p: DownloadProgress) => void;
  /** Abort when no byte arrives for this long (default 30 s). */
  idleTimeoutMs?: number;
}

/** What a finished download produced. */
export interface DownloadResult {
  /** Final path (`dest`). */
  path: string;
  /** Bytes written. */
  bytes: number;
  /** SHA-256 of the file. */
  sha256: string;
  /** MD5 of the file. */
  md5: string;
}

const MAX_REDIRECTS = 5;

function get(url: string, idleMs: number, redirects = 0): Promise<http.IncomingMessage> {
  return new Promise((resolve, reject) => {
    const client = url.startsWith("https:") ? https : url.startsWith("http:") ? http : undefined;
    if (client === undefined) {
      reject(new DownloadError(url, "only http: and https: URLs can be downloaded"));
      return;
    }
    const req = client.get(url, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location !== undefined) {
        res.resume();
        if (redirects >= MAX_REDIRECTS) {
          reject(new DownloadError(url, `more than ${MAX_REDIRECTS} redirects`));
          return;
        }
        get(new URL(res.headers.location, url).toString(), idleMs, redirects + 1).then(resolve, reject);
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new DownloadError(url, `HTTP ${status} ${res.statusMessage ?? ""}`.trim()));
        return;
      }
      resolve(res);
    });
    req.setTimeout(idleMs, () =>
      req.destroy(new DownloadError(url, `no data for ${Math.round(idleMs / 1000)} s (timed out)`)),
    );
    req.on("error", (error) => {
      reject(error instanceof DatasetError ? error : new DownloadError(url, error.message, { cause: error }));
    });
  });
}

/**
 * Download `url` to `dest`: the body streams to a uniquely named temporary file beside `dest` while being
 * hashed; only a complete body with the expected size and digest is renamed to `dest` (atomic on one file
 * system). On any failure the temporary file is removed, so nothing half-written can pass for good data.
 */
export async function downloadFile(
  url: string,
  dest: string,
  options: DownloadOptions = {},
): Promise<DownloadResult> {
  await mkdir(dirname(dest), { recursive: true });
  const temp = `${dest}.${process.pid}-${randomBytes(4).toString("hex")}.part`;
  const md5 = createHash("md5");
  const sha256 = createHash("sha256");
  let received = 0;
  try {
    const res = await get(url, options.idleTimeoutMs ?? 30_000);
    const header = res.headers["content-length"];
    const total = header === undefined ? undefined : Number(header);
    const progress: DownloadProgress = { file: url, received: 0 };
    if (total !== undefined) progress.total = total;
    const tap = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        md5.update(chunk);
        sha256.update(chunk);
        progress.received = received;
        options.onProgress?.(progress);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(res, tap, createWriteStream(temp));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new DownloadError(url, `connection lost after ${received} bytes (${message})`, { cause: error });
    }
    if (total !== undefined && received !== total) {
      throw new DownloadError(url, `got ${received} bytes, server announced ${total}`);
    }
    if (options.size !== undefined && received !== options.size) {
      throw new DownloadError(url, `got ${received} bytes, the registry expects ${options.size}`);
    }
    const digests = { md5: md5.digest("hex"), sha256: sha256.digest("hex") };
    if (options.expected !== undefined) {
      const actual = digests[options.expected.algorithm];
      if (actual !== options.expected.digest.toLowerCase()) {
        throw new ChecksumMismatchError(url, options.expected.algorithm, options.expected.digest, actual);
      }
    }
    await rename(temp, dest);
    return { path: dest, bytes: received, ...digests };
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
