import { Generator } from "@mlp-lab/random";
import { describe, expect, it } from "vitest";
import { classCounts } from "./class-counts.js";
import { stratifiedSubset } from "./stratified-subset.js";
import { randomImages } from "./test-fixtures.js";

const { labels } = randomImages(1000, 1, 10, 11);

describe("stratifiedSubset", () => {
  it("draws perClass distinct indices of every class (the course's 16 x 10 = 160)", () => {
    const idx = stratifiedSubset(labels, 16, 1);
    expect(idx.length).toBe(160);
    expect(new Set(idx).size).toBe(160);
    expect(classCounts(labels, 10, idx)).toEqual(new Array(10).fill(16));
  });

  it("is reproducible per seed, shuffled across classes, and differs between seeds", () => {
    const a = stratifiedSubset(labels, 16, 1);
    expect(stratifiedSubset(labels, 16, 1)).toEqual(a);
    expect(stratifiedSubset(labels, 16, 2)).not.toEqual(a);
    // Shuffled: the first 16 are not all of class 0.
    expect(new Set(Array.from(a.subarray(0, 16), (i) => labels[i])).size).toBeGreaterThan(1);
  });

  it("accepts a shared generator and refuses more than a class holds", () => {
    const g = new Generator(3);
    expect(stratifiedSubset(labels, 2, g)).not.toEqual(stratifiedSubset(labels, 2, g));
    expect(() => stratifiedSubset(labels, 101, 1)).toThrow(
      /class \d has 100 samples, fewer than perClass=101/,
    );
  });
});
