// Test-only helpers (not exported from the package): small data files in every supported format,
// generated on the fly so the corrupt variants are exact and nothing binary is committed.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { Generator } from "@mlp-lab/random";
import { pack } from "tar-stream";
import type { ImageSet } from "./image-set.js";

/** A fresh temporary folder. */
export function tempDir(prefix = "mlp-datasets-"): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** IDX bytes: magic `00 00 dtype ndim`, big-endian dims, then `body` (defaults to zero bytes of the right size). */
export function idxBytes(dtypeCode: number, shape: readonly number[], body?: Uint8Array): Uint8Array {
  const sizes: Record<number, number> = { 8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8 };
  const n = shape.reduce((a, b) => a * b, 1);
  const data = body ?? new Uint8Array(n * (sizes[dtypeCode] ?? 1));
  const out = new Uint8Array(4 + 4 * shape.length + data.length);
  const view = new DataView(out.buffer);
  out[2] = dtypeCode;
  out[3] = shape.length;
  shape.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * shape.length);
  return out;
}

/** Deterministic random images (`count*h*w*c` bytes) and labels (`count` in `[0, classes)`). */
export function randomImages(count: number, features: number, classes: number, seed = 1) {
  const rng = new Generator(seed);
  const images = new Uint8Array(count * features);
  for (let i = 0; i < images.length; i++) images[i] = rng.int(256);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = i % classes;
  rng.shuffle(labels);
  return { images, labels };
}

/** Write an MNIST-like split (`train-*` or `t10k-*` IDX files, raw or gz) into `dir`. */
export async function writeMnistLike(
  dir: string,
  options: { split?: "train" | "test"; count?: number; gz?: boolean; seed?: number } = {},
): Promise<{ images: Uint8Array; labels: Uint8Array }> {
  const { count = 20, gz = false, seed = 1 } = options;
  const prefix = (options.split ?? "train") === "train" ? "train" : "t10k";
  const data = randomImages(count, 28 * 28, 10, seed);
  await mkdir(dir, { recursive: true });
  const enc = (b: Uint8Array) => (gz ? gzipSync(b) : b);
  const suffix = gz ? ".gz" : "";
  await writeFile(
    join(dir, `${prefix}-images-idx3-ubyte${suffix}`),
    enc(idxBytes(8, [count, 28, 28], data.images)),
  );
  await writeFile(join(dir, `${prefix}-labels-idx1-ubyte${suffix}`), enc(idxBytes(8, [count], data.labels)));
  return data;
}

/** CIFAR-10 binary records for HWC images and labels (label byte, then R, G, B planes). */
export function cifarRecords(images: Uint8Array, labels: Uint8Array): Uint8Array {
  const out = new Uint8Array(labels.length * 3073);
  for (let n = 0; n < labels.length; n++) {
    out[n * 3073] = labels[n]!;
    for (let p = 0; p < 1024; p++) {
      for (let c = 0; c < 3; c++) out[n * 3073 + 1 + c * 1024 + p] = images[(n * 1024 + p) * 3 + c]!;
    }
  }
  return out;
}

/** The members of a small CIFAR-10 binary set: `perBatch` records in each of the six batch files. */
export function cifarMembers(perBatch = 4, seed = 1) {
  const members: Record<string, Uint8Array> = {};
  const hwc: Record<string, { images: Uint8Array; labels: Uint8Array }> = {};
  const names = [
    "data_batch_1",
    "data_batch_2",
    "data_batch_3",
    "data_batch_4",
    "data_batch_5",
    "test_batch",
  ];
  names.forEach((name, i) => {
    const data = randomImages(perBatch, 3072, 10, seed + i);
    hwc[name] = data;
    members[`${name}.bin`] = cifarRecords(data.images, data.labels);
  });
  members["batches.meta.txt"] = new TextEncoder().encode(
    "airplane\nautomobile\nbird\ncat\ndeer\ndog\nfrog\nhorse\nship\ntruck\n\n",
  );
  return { members, hwc };
}

/** Write members into `dir/cifar-10-batches-bin/`. */
export async function writeCifarFolder(dir: string, members: Record<string, Uint8Array>): Promise<string> {
  const folder = join(dir, "cifar-10-batches-bin");
  await mkdir(folder, { recursive: true });
  for (const [name, bytes] of Object.entries(members)) await writeFile(join(folder, name), bytes);
  return folder;
}

/** A gzip-compressed tar holding the members under `cifar-10-batches-bin/`. */
export async function cifarTarGz(members: Record<string, Uint8Array>): Promise<Uint8Array> {
  const tar = pack();
  const chunks: Buffer[] = [];
  const done = new Promise<void>((resolve, reject) => {
    tar.on("data", (c: unknown) => chunks.push(c as Buffer));
    tar.on("end", () => resolve());
    tar.on("error", reject);
  });
  tar.entry({ name: "cifar-10-batches-bin/", type: "directory" });
  for (const [name, bytes] of Object.entries(members)) {
    tar.entry({ name: `cifar-10-batches-bin/${name}`, size: bytes.length }, Buffer.from(bytes));
  }
  tar.finalize();
  await done;
  return gzipSync(Buffer.concat(chunks));
}

/** A tiny in-memory set with pixel bytes `(i * 37) % 256` and the given labels (classes a, b, c). */
export function tinySet(
  count: number,
  h: number,
  w: number,
  c: number,
  labels: number[],
  split: "train" | "test" = "train",
): ImageSet {
  const images = Uint8Array.from({ length: count * h * w * c }, (_, i) => (i * 37) % 256);
  return {
    name: "s",
    split,
    images,
    labels: Uint8Array.from(labels),
    count,
    height: h,
    width: w,
    channels: c,
    classNames: ["a", "b", "c"],
    source: "mem",
  };
}
