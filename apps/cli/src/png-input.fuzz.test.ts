// Fuzzing of `mlp predict`'s PNG input (decodePng + the model preprocessing, through pngToInput): any
// bytes give an input row of the model's size or a UsageError naming the file; never another exception.
// Seeded, a fixed number of cases in CI; `pnpm fuzz` (FUZZ_RUNS) runs more.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MUTATION_KINDS, corpus, fuzzRuns, fuzzSeed, keepFailure, mutate } from "@mlp-lab/vitest-config/fuzz";
import fc from "fast-check";
import { PNG } from "pngjs";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "./cli-error.js";
import { pngToInput } from "./png-input.js";

const CORPUS = fileURLToPath(new URL("./__fuzz__/png/", import.meta.url));
const MNIST = { height: 28, width: 28, channels: 1, mean: [0.1307], std: [0.3081] };
const CIFAR = { height: 32, width: 32, channels: 3, mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26] };
const dir = mkdtempSync(join(tmpdir(), "mlp-png-fuzz-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const plan = fc.array(fc.tuple(fc.nat(MUTATION_KINDS - 1), fc.nat(), fc.nat()), {
  minLength: 1,
  maxLength: 5,
});

/** A valid PNG: grey, grey+alpha, RGB or RGBA, 8 or 16 bits, a dark stroke on a light ground. */
const validPng = fc
  .record({
    side: fc.integer({ min: 1, max: 40 }),
    colorType: fc.constantFrom(0, 2, 4, 6),
    bitDepth: fc.constantFrom(8, 16),
  })
  .map(({ side, colorType, bitDepth }) => {
    const png = new PNG({ width: side, height: side, colorType, bitDepth, inputHasAlpha: true });
    for (let i = 0; i < side * side; i++) {
      const ink = i % side === Math.floor(side / 2);
      png.data.set(
        [ink ? 10 : 240, ink ? 10 : 240, ink ? 10 : 240, ink ? 255 : i % 3 === 0 ? 0 : 255],
        i * 4,
      );
    }
    return new Uint8Array(PNG.sync.write(png, { colorType, bitDepth, inputHasAlpha: true }));
  });

let n = 0;
async function check(bytes: Uint8Array, options: { center?: boolean; resize?: boolean; invert?: boolean }) {
  const path = join(dir, `case-${n++}.png`);
  writeFileSync(path, bytes);
  for (const shape of [MNIST, CIFAR]) {
    try {
      const row = await pngToInput(path, shape, options);
      expect(row.length).toBe(shape.height * shape.width * shape.channels);
      expect(row.every(Number.isFinite)).toBe(true);
    } catch (error) {
      if (error instanceof UsageError && error.message.startsWith(path)) continue;
      keepFailure(CORPUS, bytes);
      throw error;
    } finally {
      rmSync(path, { force: true });
      writeFileSync(path, bytes);
    }
  }
  rmSync(path, { force: true });
}

const fits = fc.record({ center: fc.boolean(), resize: fc.boolean(), invert: fc.boolean() });

describe("PNG input fuzzing", () => {
  it("replays the committed corpus", async () => {
    const cases = corpus(CORPUS);
    expect(cases.length).toBeGreaterThan(0);
    for (const { bytes } of cases) await check(bytes, { resize: true });
  });

  it(
    "valid PNGs of every colour type and depth: an input row or a UsageError naming the file",
    async () => {
      await fc.assert(
        fc.asyncProperty(validPng, fits, async (png, options) => check(png, options)),
        { seed: fuzzSeed(), numRuns: fuzzRuns(60) },
      );
    },
    fuzzRuns(60) * 200 + 60_000,
  );

  it(
    "mutated PNGs: an input row or a UsageError naming the file",
    async () => {
      await fc.assert(
        fc.asyncProperty(validPng, plan, fits, async (png, steps, options) =>
          check(mutate(png, steps), options),
        ),
        { seed: fuzzSeed(), numRuns: fuzzRuns(150) },
      );
    },
    fuzzRuns(150) * 200 + 60_000,
  );
});
