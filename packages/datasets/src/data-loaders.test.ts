import { describe, expect, it } from "vitest";
import { classCounts } from "./class-counts.js";
import { createDataLoaders } from "./data-loaders.js";
import { tempDir, writeMnistLike } from "./test-fixtures.js";

async function fixtureDir(): Promise<string> {
  const dir = await tempDir();
  await writeMnistLike(dir, { split: "train", count: 200, seed: 1 });
  await writeMnistLike(dir, { split: "test", count: 30, seed: 2 });
  return dir;
}

const isolated = {
  installed: false,
  download: false,
  env: {},
  cacheDir: "/nonexistent-mlp-lab-cache",
} as const;

describe("createDataLoaders", () => {
  it("builds a shuffled normalised train loader and an in-order val loader on the test split", async () => {
    const dataDir = await fixtureDir();
    const dl = await createDataLoaders("mnist", {
      ...isolated,
      dataDir,
      batchSize: 64,
      valBatchSize: 10000,
      seed: 1,
    });
    expect(dl.train.numBatches).toBe(4);
    expect(dl.val.numBatches).toBe(1);
    expect(dl.summary.shapes).toEqual({ train: [200, 28, 28], val: [30, 28, 28] });
    const [batch] = [...dl.val];
    expect(Array.from(batch!.indices.subarray(0, 3))).toEqual([0, 1, 2]);
    const byte = dl.valSet.images[0]!;
    expect(batch!.x[0]).toBeCloseTo((byte / 255 - 0.1307) / 0.3081, 5);
  });

  it("trains on a stratified subset (the course's N per class) and counts it in the summary", async () => {
    const dataDir = await fixtureDir();
    const dl = await createDataLoaders("mnist", {
      ...isolated,
      dataDir,
      batchSize: 16,
      seed: 3,
      trainSubset: { perClass: 4 },
      normalize: false,
    });
    expect(dl.train.numSamples).toBe(40);
    expect(dl.summary.classCounts.train).toEqual(new Array(10).fill(4));
    const seen = [...dl.train].flatMap((b) => Array.from(b.indices));
    expect(new Set(seen)).toEqual(new Set(dl.trainIndices));
    expect([...dl.train][0]!.x.every((v) => v >= 0 && v <= 1)).toBe(true);
  });

  it("carves a stratified validation split out of train, disjoint from the training subset", async () => {
    const dataDir = await fixtureDir();
    const dl = await createDataLoaders("mnist", {
      ...isolated,
      dataDir,
      batchSize: 10,
      seed: 5,
      valFraction: 0.1,
      trainSubset: { size: 50 },
    });
    expect(dl.valSet).toBe(dl.trainSet);
    expect(dl.val.numSamples).toBe(20);
    expect(classCounts(dl.trainSet.labels, 10, dl.valIndices)).toEqual(new Array(10).fill(2));
    const val = new Set(dl.valIndices);
    expect(dl.trainIndices!.length).toBe(50);
    expect(Array.from(dl.trainIndices!).some((i) => val.has(i))).toBe(false);
  });
});
