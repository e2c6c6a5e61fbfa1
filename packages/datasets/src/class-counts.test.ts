import { describe, expect, it } from "vitest";
import { classCounts, indicesByClass, numClassesOf } from "./class-counts.js";

describe("class counts", () => {
  it("counts labels, optionally at given indices", () => {
    expect(classCounts([2, 0, 2, 1], 3)).toEqual([1, 1, 2]);
    expect(classCounts([2, 0, 2, 1], 4, [0, 2])).toEqual([0, 0, 2, 0]);
    expect(() => classCounts([3], 3)).toThrow(/label 3 outside \[0, 3\)/);
  });

  it("groups indices by class in increasing order", () => {
    expect(indicesByClass([1, 0, 1, 1], 2).map((a) => Array.from(a))).toEqual([[1], [0, 2, 3]]);
    expect(numClassesOf([4, 1])).toBe(5);
  });
});
