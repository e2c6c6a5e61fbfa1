// Fuzzing of the IDX reader (raw and gzip) and of the image-set pairing: any bytes give a valid array or
// this package's DatasetError naming the file; never another exception, a hang or a huge allocation.
// CI runs a fixed, seeded number of cases; `pnpm fuzz` (FUZZ_RUNS) runs more.
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { MUTATION_KINDS, corpus, fuzzRuns, fuzzSeed, keepFailure, mutate } from "@mlp-lab/vitest-config/fuzz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DatasetError } from "./errors.js";
import { imageSetFromIdx } from "./idx-image-set.js";
import { type IdxArray, parseIdx } from "./idx-reader.js";
import { maybeGunzip } from "./read-bytes.js";
import { idxBytes } from "./test-fixtures.js";

const CORPUS = fileURLToPath(new URL("./__fuzz__/idx/", import.meta.url));
const IMAGES = "/data/t10k-images-idx3-ubyte";
const LABELS = "/data/t10k-labels-idx1-ubyte";
const SIZES: Record<number, number> = { 8: 1, 9: 1, 11: 2, 12: 4, 13: 4, 14: 8 };

/** Valid IDX files of every dtype and 1 to 4 dimensions, as seeds for mutation. */
const validIdx = fc
  .record({
    dtype: fc.constantFrom(8, 9, 11, 12, 13, 14),
    shape: fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }),
    fill: fc.nat(255),
  })
  .map(({ dtype, shape, fill }) => {
    const n = shape.reduce((a, b) => a * b, 1) * SIZES[dtype]!;
    return idxBytes(dtype, shape, new Uint8Array(n).fill(fill));
  });
const plan = fc.array(fc.tuple(fc.nat(MUTATION_KINDS - 1), fc.nat(), fc.nat()), {
  minLength: 1,
  maxLength: 6,
});

/** Parse, then check the result is self-consistent; an unexpected exception keeps the input in the corpus. */
function parseOrOwnError(bytes: Uint8Array, path: string): IdxArray | undefined {
  try {
    const parsed = parseIdx(bytes, path);
    const elements = parsed.shape.reduce((a, b) => a * b, 1);
    expect(parsed.data.length).toBe(elements);
    return parsed;
  } catch (error) {
    if (error instanceof DatasetError && error.message.startsWith(`${path}: `)) return undefined;
    keepFailure(CORPUS, bytes);
    throw error;
  }
}

async function gunzipOrOwnError(bytes: Uint8Array, path: string): Promise<Uint8Array | undefined> {
  try {
    return await maybeGunzip(bytes, path);
  } catch (error) {
    if (error instanceof DatasetError && error.message.startsWith(`${path}: `)) return undefined;
    keepFailure(CORPUS, bytes);
    throw error;
  }
}

describe("IDX reader fuzzing", () => {
  it("refuses a gzip bomb with TOO_LARGE instead of exhausting memory", async () => {
    const bomb = gzipSync(new Uint8Array(8 << 20));
    expect(bomb.length).toBeLessThan(16_384);
    const error = await maybeGunzip(bomb, IMAGES, 1 << 20).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatasetError);
    expect((error as DatasetError).code).toBe("TOO_LARGE");
    expect((error as DatasetError).message).toContain(`${IMAGES}: gzip data expands beyond 1048576 bytes`);
  });

  it("replays the committed corpus", async () => {
    const cases = corpus(CORPUS);
    expect(cases.length).toBeGreaterThan(0);
    for (const { bytes } of cases) {
      const raw = await gunzipOrOwnError(bytes, IMAGES);
      if (raw !== undefined) parseOrOwnError(raw, IMAGES);
    }
  });

  it("mutated raw IDX files: a valid array or a DatasetError naming the file", () => {
    fc.assert(
      fc.property(validIdx, plan, (valid, steps) => {
        parseOrOwnError(mutate(valid, steps), IMAGES);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(400) },
    );
  });

  it("random bytes behind a valid IDX magic", () => {
    fc.assert(
      fc.property(fc.constantFrom(8, 9, 11, 12, 13, 14), fc.uint8Array({ maxLength: 64 }), (dtype, tail) => {
        parseOrOwnError(Uint8Array.from([0, 0, dtype, tail[0] ?? 0, ...tail.subarray(1)]), IMAGES);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });

  it("mutated gzip streams and gzip of mutated files", async () => {
    await fc.assert(
      fc.asyncProperty(validIdx, plan, fc.boolean(), async (valid, steps, mutateCompressed) => {
        const bytes = mutateCompressed ? mutate(gzipSync(valid), steps) : gzipSync(mutate(valid, steps));
        const raw = await gunzipOrOwnError(bytes, IMAGES);
        if (raw !== undefined) parseOrOwnError(raw, IMAGES);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(200) },
    );
  });

  it("mutated MNIST-like pairs: an image set or a DatasetError naming one of the two files", () => {
    const images = idxBytes(8, [3, 4, 4], new Uint8Array(48).fill(7));
    const labels = idxBytes(8, [3], Uint8Array.of(0, 9, 4));
    fc.assert(
      fc.property(plan, plan, fc.boolean(), (a, b, both) => {
        const img = parseOrOwnError(mutate(images, a), IMAGES);
        const lab = parseOrOwnError(both ? mutate(labels, b) : labels, LABELS);
        if (img === undefined || lab === undefined) return;
        try {
          const set = imageSetFromIdx(img, lab, {
            name: "mnist",
            split: "test",
            classNames: "0123456789".split(""),
            source: "/data",
          });
          expect(set.images.length).toBe(set.count * set.height * set.width * set.channels);
          expect(set.labels.every((l) => l < 10)).toBe(true);
        } catch (error) {
          const named = error instanceof DatasetError && [IMAGES, LABELS].includes(error.path);
          if (!named) throw error;
        }
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });
});
