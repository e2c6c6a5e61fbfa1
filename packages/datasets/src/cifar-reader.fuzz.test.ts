// Fuzzing of the CIFAR-10 readers: `.bin` batches and the `.tar.gz` archive (streamed from a file). Any
// bytes give a valid split or this package's DatasetError naming the file; never another exception or a
// hang. CI runs a fixed, seeded number of cases; `pnpm fuzz` (FUZZ_RUNS) runs more.
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync, gzipSync } from "node:zlib";
import { MUTATION_KINDS, corpus, fuzzRuns, fuzzSeed, keepFailure, mutate } from "@mlp-lab/vitest-config/fuzz";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCifarBatches, readCifarArchive } from "./cifar-reader.js";
import { DatasetError } from "./errors.js";
import { cifarMembers, cifarTarGz, tempDir } from "./test-fixtures.js";

const BIN_CORPUS = fileURLToPath(new URL("./__fuzz__/cifar-bin/", import.meta.url));
const TAR_CORPUS = fileURLToPath(new URL("./__fuzz__/cifar-tar/", import.meta.url));
const plan = fc.array(fc.tuple(fc.nat(MUTATION_KINDS - 1), fc.nat(), fc.nat()), {
  minLength: 1,
  maxLength: 6,
});

function checkBatches(bytes: Uint8Array): void {
  const path = "/data/cifar-10-batches-bin/test_batch.bin";
  try {
    const { images, labels } = parseCifarBatches([{ bytes, path }]);
    expect(images.length).toBe(labels.length * 3072);
    expect(labels.every((l) => l < 10)).toBe(true);
  } catch (error) {
    if (error instanceof DatasetError && error.message.startsWith(`${path}: `)) return;
    keepFailure(BIN_CORPUS, bytes);
    throw error;
  }
}

let dir: string;
let tarGz: Uint8Array;
let tar: Uint8Array;
let n = 0;

/** Read a mutated archive from a file; a hang (no answer within 10 s) fails like an exception. */
async function checkArchive(bytes: Uint8Array): Promise<void> {
  const path = join(dir, `case-${n++}.tar.gz`);
  writeFileSync(path, bytes);
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`readCifarArchive hung on ${path}`)), 10_000);
  });
  try {
    const { set } = await Promise.race([readCifarArchive(path, "test"), hang]);
    expect(set.images.length).toBe(set.count * 3072);
  } catch (error) {
    const own = error instanceof DatasetError && error.message.startsWith(path);
    if (!own) {
      keepFailure(TAR_CORPUS, bytes);
      throw error;
    }
  } finally {
    clearTimeout(timer);
    rmSync(path, { force: true });
  }
}

beforeAll(async () => {
  dir = await tempDir("mlp-cifar-fuzz-");
  tarGz = await cifarTarGz(cifarMembers(1).members);
  tar = gunzipSync(tarGz);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("CIFAR-10 reader fuzzing", () => {
  it("replays the committed corpus", async () => {
    const bins = corpus(BIN_CORPUS);
    const tars = corpus(TAR_CORPUS);
    expect(bins.length + tars.length).toBeGreaterThan(0);
    for (const { bytes } of bins) checkBatches(bytes);
    for (const { bytes } of tars) await checkArchive(bytes);
  });

  it(
    "mutated .bin batches: records or a DatasetError naming the file",
    () => {
      const valid = cifarMembers(2).members["test_batch.bin"]!;
      fc.assert(
        fc.property(plan, (steps) => checkBatches(mutate(valid, steps))),
        { seed: fuzzSeed(), numRuns: fuzzRuns(200) },
      );
    },
    fuzzRuns(200) * 200 + 60_000,
  );

  it(
    "mutated archives: compressed bytes, and the tar inside a valid gzip",
    async () => {
      await fc.assert(
        fc.asyncProperty(plan, fc.boolean(), async (steps, insideTar) => {
          await checkArchive(insideTar ? gzipSync(mutate(tar, steps)) : mutate(tarGz, steps));
        }),
        { seed: fuzzSeed(), numRuns: fuzzRuns(60) },
      );
    },
    fuzzRuns(60) * 200 + 60_000,
  );
});

describe("CIFAR-10 archive limits", () => {
  it("refuses a member whose tar header claims more than a batch can hold, before buffering it", async () => {
    // A ustar header for test_batch.bin claiming 8 GiB (octal size field), followed by nothing.
    const header = new Uint8Array(512);
    const put = (at: number, text: string) => header.set(new TextEncoder().encode(text), at);
    put(0, "cifar-10-batches-bin/test_batch.bin");
    put(100, "0000644\0");
    put(124, "100000000000");
    put(156, "0");
    put(257, "ustar\u000000");
    put(148, "        ");
    const sum = header.reduce((a, b) => a + b, 0);
    put(148, `${sum.toString(8).padStart(6, "0")}\0 `);
    const path = join(dir, "huge-member.tar.gz");
    writeFileSync(path, gzipSync(Uint8Array.from([...header, ...new Uint8Array(1024)])));
    const error = await readCifarArchive(path, "test").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).code).toBe("TOO_LARGE");
    expect((error as DatasetError).message).toContain("claims 8589934592 bytes");
  });
});
