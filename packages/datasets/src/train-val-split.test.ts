import { describe, expect, it } from "vitest";
import { classCounts } from "./class-counts.js";
import { randomImages } from "./test-fixtures.js";
import { trainValSplit } from "./train-val-split.js";

const { labels } = randomImages(1000, 1, 10, 11);

describe("trainValSplit", () => {
  it("partitions every index exactly once with the requested fraction", () => {
    const { train, val } = trainValSplit(labels, { valFraction: 0.2, seed: 1 });
    expect(val.length).toBe(200);
    expect(train.length).toBe(800);
    expect(new Set([...train, ...val]).size).toBe(1000);
  });

  it("keeps class proportions when stratified", () => {
    const { train, val } = trainValSplit(labels, { valFraction: 0.1, seed: 1, stratify: true });
    expect(classCounts(labels, 10, val)).toEqual(new Array(10).fill(10));
    expect(classCounts(labels, 10, train)).toEqual(new Array(10).fill(90));
    expect(() => trainValSplit(labels, { valFraction: 1, seed: 1 })).toThrow(/valFraction/);
  });
});
