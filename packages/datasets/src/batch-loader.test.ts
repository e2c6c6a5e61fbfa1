import { describe, expect, it } from "vitest";
import { type Batch, BatchLoader } from "./batch-loader.js";
import type { ImageSet } from "./image-set.js";
import { randomImages } from "./test-fixtures.js";

function makeSet(count: number, h: number, w: number, c: number, seed = 3): ImageSet {
  const { images, labels } = randomImages(count, h * w * c, 10, seed);
  const classNames = Array.from({ length: 10 }, (_, i) => String(i));
  return {
    name: "fixture",
    split: "train",
    images,
    labels,
    count,
    height: h,
    width: w,
    channels: c,
    classNames,
    source: "mem",
  };
}

const grey = makeSet(50, 4, 3, 1);
const colour = makeSet(12, 5, 6, 3);

function epoch(loader: BatchLoader): Batch[] {
  return [...loader];
}
const allIndices = (batches: Batch[]) => batches.flatMap((b) => Array.from(b.indices));

describe("BatchLoader", () => {
  it("yields ceil(n / batchSize) batches covering every sample once, in order without shuffle", () => {
    const loader = new BatchLoader(grey, { batchSize: 16 });
    const batches = epoch(loader);
    expect(loader.numBatches).toBe(4);
    expect(loader.features).toBe(12);
    expect(batches.map((b) => b.size)).toEqual([16, 16, 16, 2]);
    expect(allIndices(batches)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(batches[3]!.x.length).toBe(2 * 12);
  });

  it("drops the short last batch with dropLast", () => {
    const loader = new BatchLoader(grey, { batchSize: 16, dropLast: true });
    expect(loader.numBatches).toBe(3);
    expect(epoch(loader).map((b) => b.size)).toEqual([16, 16, 16]);
  });

  it("scales to [0,1] and normalises with the given mean and std; labels follow their samples", () => {
    const loader = new BatchLoader(grey, {
      batchSize: 8,
      shuffle: true,
      seed: 2,
      normalize: { mean: [0.5], std: [0.25] },
    });
    const b = epoch(loader)[0]!;
    for (let i = 0; i < b.size; i++) {
      const k = b.indices[i]!;
      expect(b.y[i]).toBe(grey.labels[k]);
      for (let j = 0; j < 12; j++) {
        expect(b.x[i * 12 + j]).toBeCloseTo((grey.images[k * 12 + j]! / 255 - 0.5) / 0.25, 5);
      }
    }
  });

  it("gives the same floats on the two-pixel fast path and the general path (odd size, odd offset)", () => {
    const normalize = { mean: [0.1307], std: [0.3081] };
    const odd = makeSet(9, 3, 3, 1);
    const shifted = new Uint8Array(grey.images.length + 1);
    shifted.set(grey.images, 1);
    const unaligned = { ...grey, images: shifted.subarray(1) };
    for (const s of [grey, odd, unaligned]) {
      const b = epoch(new BatchLoader(s, { batchSize: 64, shuffle: true, normalize }))[0]!;
      const f = s.height * s.width;
      for (let i = 0; i < b.size * f; i++) {
        const byte = s.images[b.indices[Math.floor(i / f)]! * f + (i % f)]!;
        expect(b.x[i]).toBe(Math.fround((byte / 255 - 0.1307) / 0.3081));
      }
    }
  });

  it("allocates fresh arrays for every batch", () => {
    const [a, b] = epoch(new BatchLoader(grey, { batchSize: 16 }));
    expect(a!.x.buffer).not.toBe(b!.x.buffer);
  });

  it("shuffles reproducibly per seed, differently per epoch and per seed", () => {
    const a = new BatchLoader(grey, { batchSize: 10, shuffle: true, seed: 7 });
    const b = new BatchLoader(grey, { batchSize: 10, shuffle: true, seed: 7 });
    const c = new BatchLoader(grey, { batchSize: 10, shuffle: true, seed: 8 });
    const a1 = allIndices(epoch(a));
    const a2 = allIndices(epoch(a));
    expect(a1).toEqual(allIndices(epoch(b)));
    expect(a1).not.toEqual(a2);
    expect(a1).not.toEqual(allIndices(epoch(c)));
    expect([...a1].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it("resumes the exact batch sequence from a JSON round trip of its state", () => {
    const opts = { batchSize: 10, shuffle: true, seed: 5, augment: true } as const;
    const first = new BatchLoader(colour, opts);
    epoch(first);
    const saved = JSON.parse(JSON.stringify(first.stateDict()));
    const expected = epoch(first);
    const resumed = new BatchLoader(colour, opts);
    resumed.loadStateDict(saved);
    const got = epoch(resumed);
    expect(got.map((b) => Array.from(b.indices))).toEqual(expected.map((b) => Array.from(b.indices)));
    expect(got.map((b) => Array.from(b.x))).toEqual(expected.map((b) => Array.from(b.x)));
    expect(resumed.epochsStarted).toBe(2);
  });

  it("iterates only the given indices (SubsetRandomSampler)", () => {
    const indices = Int32Array.of(3, 9, 27, 41, 44);
    const loader = new BatchLoader(grey, { batchSize: 2, shuffle: true, seed: 1, indices });
    expect(loader.numSamples).toBe(5);
    expect(loader.numBatches).toBe(3);
    const seen = allIndices(epoch(loader));
    expect([...seen].sort((x, y) => x - y)).toEqual([3, 9, 27, 41, 44]);
    expect(Array.from(indices)).toEqual([3, 9, 27, 41, 44]);
    expect(() => new BatchLoader(grey, { batchSize: 2, indices: Int32Array.of(50) })).toThrow(
      /outside \[0, 50\)/,
    );
  });

  it("lays colour images out as CHW by default and as HWC on request", () => {
    const chw = epoch(new BatchLoader(colour, { batchSize: 12 }))[0]!;
    const hwc = epoch(new BatchLoader(colour, { batchSize: 12, layout: "flat-hwc" }))[0]!;
    const hw = 30;
    for (const [k, p, c] of [
      [0, 0, 0],
      [3, 7, 2],
      [11, 29, 1],
    ] as const) {
      const byte = colour.images[(k * hw + p) * 3 + c]!;
      expect(chw.x[k * 90 + c * hw + p]).toBeCloseTo(byte / 255, 6);
      expect(hwc.x[k * 90 + p * 3 + c]).toBeCloseTo(byte / 255, 6);
    }
  });

  it("augments with padding 0 and no flip as the identity", () => {
    const plain = epoch(new BatchLoader(colour, { batchSize: 12 }))[0]!;
    const aug = epoch(new BatchLoader(colour, { batchSize: 12, augment: { padding: 0, flip: false } }))[0]!;
    expect(aug.x).toEqual(plain.x);
  });

  it("flips each image either not at all or exactly mirrored, with both outcomes occurring", () => {
    const plain = epoch(new BatchLoader(colour, { batchSize: 12 }))[0]!;
    const aug = epoch(new BatchLoader(colour, { batchSize: 12, seed: 4, augment: { padding: 0 } }))[0]!;
    const kinds = new Set<string>();
    for (let k = 0; k < 12; k++) {
      let same = true;
      let mirrored = true;
      for (let c = 0; c < 3; c++) {
        for (let y = 0; y < 5; y++) {
          for (let x = 0; x < 6; x++) {
            const v = aug.x[k * 90 + c * 30 + y * 6 + x];
            if (v !== plain.x[k * 90 + c * 30 + y * 6 + x]) same = false;
            if (v !== plain.x[k * 90 + c * 30 + y * 6 + (5 - x)]) mirrored = false;
          }
        }
      }
      expect(same || mirrored).toBe(true);
      kinds.add(same ? "same" : "mirrored");
    }
    expect(kinds).toEqual(new Set(["same", "mirrored"]));
  });

  it("matches torchvision's Pad(2), RandomHorizontalFlip, RandomCrop for some crop and flip, per sample", () => {
    // Reference: build the padded image, maybe flip it, crop at (top, left); find the draw that explains x.
    const h = 6;
    const w = 8;
    const c = 3;
    const pad = 2;
    const set = makeSet(1, h, w, c, 9);
    const normalize = { mean: [0.5, 0.4, 0.3], std: [0.5, 0.2, 0.25] };
    const byte = (y: number, x: number, ch: number) =>
      y < 0 || y >= h || x < 0 || x >= w ? 0 : set.images[(y * w + x) * c + ch]!;
    const reference = (top: number, left: number, flip: boolean) => {
      const out = new Float32Array(h * w * c);
      for (let ch = 0; ch < c; ch++) {
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            const u = left + x; // column in the padded (maybe flipped) image
            const px = flip ? w + 2 * pad - 1 - u : u;
            const v = byte(top + y - pad, px - pad, ch);
            out[ch * h * w + y * w + x] = (v / 255 - normalize.mean[ch]!) / normalize.std[ch]!;
          }
        }
      }
      return out;
    };
    const seen = new Set<string>();
    for (let seed = 0; seed < 40; seed++) {
      const x = epoch(new BatchLoader(set, { batchSize: 1, seed, normalize, augment: { padding: pad } }))[0]!
        .x;
      let match: string | undefined;
      for (let top = 0; top <= 2 * pad && match === undefined; top++) {
        for (let left = 0; left <= 2 * pad && match === undefined; left++) {
          for (const flip of [false, true]) {
            if (reference(top, left, flip).every((v, i) => v === x[i])) match = `${top},${left},${flip}`;
          }
        }
      }
      expect(match).toBeDefined();
      seen.add(match!);
    }
    // Both flips and several crops occur.
    expect([...seen].some((m) => m.endsWith("true"))).toBe(true);
    expect([...seen].some((m) => m.endsWith("false"))).toBe(true);
    expect(seen.size).toBeGreaterThan(10);
  });

  it("rejects bad options", () => {
    expect(() => new BatchLoader(grey, { batchSize: 0 })).toThrow(/batchSize/);
    expect(() => new BatchLoader(colour, { batchSize: 4, normalize: { mean: [0.5], std: [0.5] } })).toThrow(
      /3 mean and std/,
    );
  });
});
