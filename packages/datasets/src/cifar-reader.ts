import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { createGunzip } from "node:zlib";
import { extract as tarExtract } from "tar-stream";
import { combinedSha256, digestOf } from "./checksum.js";
import { DatasetAccessError, DatasetError, DatasetFormatError } from "./errors.js";
import type { ImageSet } from "./image-set.js";
import { readFileBytes } from "./read-bytes.js";
import { DATASETS, type Split } from "./registry.js";
import { validateLabels } from "./validate-labels.js";

const CIFAR = DATASETS.cifar10;
const SPEC = CIFAR.cifar!;
const SIDE = 32;
/**
 * Largest archive member kept in memory: a published batch is 10,000 records (30.7 MB); a tar header
 * claiming far more is a corrupt or hostile archive, refused before buffering it.
 */
const MAX_MEMBER_BYTES = 64 * 1024 * 1024;
const PLANE = SIDE * SIDE;

/** Images (HWC) and labels decoded from CIFAR binary batches. */
export interface CifarArrays {
  /** `count * 32 * 32 * 3` bytes, HWC. */
  images: Uint8Array;
  /** `count` labels in [0, 9]. */
  labels: Uint8Array;
}

/**
 * Decode CIFAR-10 binary batches: 3073-byte records (label byte, then 1024 R, 1024 G, 1024 B, each plane
 * row-major). Pixels are re-interleaved to HWC so every {@link ImageSet} has the same layout.
 */
export function parseCifarBatches(batches: readonly { bytes: Uint8Array; path: string }[]): CifarArrays {
  let count = 0;
  for (const { bytes, path } of batches) {
    if (bytes.length === 0 || bytes.length % SPEC.recordBytes !== 0) {
      throw new DatasetFormatError(
        "BAD_RECORD_SIZE",
        path,
        `${bytes.length} bytes is not a whole number of ${SPEC.recordBytes}-byte CIFAR-10 records (${bytes.length % SPEC.recordBytes} bytes left over)`,
      );
    }
    count += bytes.length / SPEC.recordBytes;
  }
  // On shared memory where the runtime has it: a prefetch worker (`@mlp-lab/datasets/node`) then reads
  // the 150 MB of training images without a copy.
  const imageBytes = count * 3 * PLANE;
  const images =
    typeof SharedArrayBuffer === "function"
      ? new Uint8Array(new SharedArrayBuffer(imageBytes))
      : new Uint8Array(imageBytes);
  const labels = new Uint8Array(count);
  let n = 0;
  for (const { bytes, path } of batches) {
    const records = bytes.length / SPEC.recordBytes;
    const batchLabels = labels.subarray(n, n + records);
    for (let r = 0; r < records; r++, n++) {
      const rec = r * SPEC.recordBytes;
      labels[n] = bytes[rec]!;
      const out = n * 3 * PLANE;
      const red = rec + 1;
      const green = red + PLANE;
      const blue = green + PLANE;
      for (let p = 0; p < PLANE; p++) {
        const o = out + 3 * p;
        images[o] = bytes[red + p]!;
        images[o + 1] = bytes[green + p]!;
        images[o + 2] = bytes[blue + p]!;
      }
    }
    validateLabels(batchLabels, CIFAR.classNames.length, path);
  }
  return { images, labels };
}

/** Class names from `batches.meta.txt` (one per line, blank lines ignored). */
export function parseCifarMeta(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l.length > 0);
}

function makeSet(
  split: Split,
  arrays: CifarArrays,
  classNames: readonly string[],
  source: string,
  sha256: string,
): ImageSet {
  return {
    name: "cifar10",
    split,
    images: arrays.images,
    labels: arrays.labels,
    count: arrays.labels.length,
    height: SIDE,
    width: SIDE,
    channels: 3,
    classNames,
    source,
    sha256,
  };
}

/** List a folder, turning "missing" and "unreadable" into this package's errors naming it. */
export async function listDirectory(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DatasetError("NOT_FOUND", dir, "no such directory", { cause: error });
    const why = code === "ENOTDIR" ? "not a directory" : code === "EACCES" ? "permission denied" : code;
    throw new DatasetAccessError(dir, `cannot read directory (${why ?? String(error)})`, { cause: error });
  }
}

/**
 * Read one split from an extracted `cifar-10-batches-bin/` folder. Class names come from
 * `batches.meta.txt` when present, else from the registry.
 */
export async function readCifarDirectory(dir: string, split: Split): Promise<ImageSet> {
  const entries = new Set(await listDirectory(dir));
  const batches: { bytes: Uint8Array; path: string; name: string }[] = [];
  for (const member of SPEC.members[split]) {
    const path = join(dir, member);
    if (!entries.has(member)) {
      throw new DatasetFormatError("MISSING_MEMBER", dir, `CIFAR-10 folder lacks ${member}`);
    }
    batches.push({ bytes: await readFileBytes(path), path, name: member });
  }
  let classNames: readonly string[] = CIFAR.classNames;
  if (entries.has(SPEC.meta)) {
    const metaPath = join(dir, SPEC.meta);
    classNames = checkMeta(parseCifarMeta(new TextDecoder().decode(await readFileBytes(metaPath))), metaPath);
  }
  const digests = batches.map((b) => ({ name: b.name, path: b.path, sha256: digestOf(b.bytes) }));
  const sha256 = combinedSha256(digests);
  const set = makeSet(split, parseCifarBatches(batches), classNames, dir, sha256);
  set.files = digests.map(({ path, sha256 }) => ({ path, sha256 }));
  return set;
}

function checkMeta(names: string[], path: string): string[] {
  if (names.length !== CIFAR.classNames.length) {
    throw new DatasetFormatError(
      "BAD_SHAPE",
      path,
      `lists ${names.length} class names, CIFAR-10 has ${CIFAR.classNames.length}`,
    );
  }
  return names;
}

/** An archive split read, with the archive's MD5 (to compare with the published one). */
export interface CifarArchiveRead {
  /** The split read. */
  set: ImageSet;
  /** MD5 of the archive file as read. */
  md5: string;
}

/**
 * Read one split straight from `cifar-10-binary.tar.gz`, streamed (file, gunzip, tar) without extracting
 * anything to disk; only the split's members are kept in memory. Also digests the archive bytes.
 */
export async function readCifarArchive(archive: string, split: Split): Promise<CifarArchiveRead> {
  try {
    const info = await stat(archive);
    if (!info.isFile()) throw new DatasetAccessError(archive, "not a regular file");
  } catch (error) {
    if (error instanceof DatasetError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new DatasetError("NOT_FOUND", archive, "no such file", { cause: error });
    throw new DatasetAccessError(archive, `cannot read archive (${code})`, { cause: error });
  }
  const wanted = new Set<string>(SPEC.members[split]);
  const found = new Map<string, Uint8Array>();
  let metaText: string | undefined;
  const md5 = createHash("md5");
  const sha = createHash("sha256");
  const source = createReadStream(archive);
  const gunzip = createGunzip();
  const tar = tarExtract();
  source.on("data", (chunk) => {
    md5.update(chunk);
    sha.update(chunk);
  });
  // pipe() does not forward errors; forward them so the loop below sees them instead of hanging.
  source.on("error", (e) => tar.destroy(e));
  gunzip.on("error", (e) => tar.destroy(e));
  source.pipe(gunzip).pipe(tar);
  try {
    for await (const entry of tar) {
      const name = basename(entry.header.name);
      const keep = entry.header.type === "file" && (wanted.has(name) || name === SPEC.meta);
      if (!keep) {
        entry.resume();
        continue;
      }
      if (entry.header.size !== undefined && entry.header.size > MAX_MEMBER_BYTES) {
        entry.resume();
        throw new DatasetFormatError(
          "TOO_LARGE",
          archive,
          `member ${entry.header.name} claims ${entry.header.size} bytes, more than a CIFAR-10 batch can hold (${MAX_MEMBER_BYTES})`,
        );
      }
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      const bytes = Buffer.concat(chunks);
      if (name === SPEC.meta) metaText = bytes.toString("utf8");
      else found.set(name, new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    }
  } catch (error) {
    source.destroy();
    if (error instanceof DatasetError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    if (/unexpected end/i.test(message)) {
      throw new DatasetFormatError("TRUNCATED", archive, "archive ends early (truncated file)", {
        cause: error,
      });
    }
    throw new DatasetFormatError("BAD_ARCHIVE", archive, `not a readable tar.gz (${message})`, {
      cause: error,
    });
  }
  const batches: { bytes: Uint8Array; path: string }[] = [];
  for (const member of SPEC.members[split]) {
    const bytes = found.get(member);
    if (bytes === undefined) {
      throw new DatasetFormatError(
        "MISSING_MEMBER",
        archive,
        `archive has no member ${SPEC.folder}/${member}`,
      );
    }
    batches.push({ bytes, path: `${archive}:${member}` });
  }
  const classNames =
    metaText === undefined
      ? CIFAR.classNames
      : checkMeta(parseCifarMeta(metaText), `${archive}:${SPEC.meta}`);
  const sha256 = sha.digest("hex");
  const set = makeSet(split, parseCifarBatches(batches), classNames, archive, sha256);
  set.files = [{ path: archive, sha256 }];
  return { set, md5: md5.digest("hex") };
}
