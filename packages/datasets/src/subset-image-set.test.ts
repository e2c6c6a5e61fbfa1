import { describe, expect, it } from "vitest";
import { subsetImageSet } from "./subset-image-set.js";
import { tinySet as set } from "./test-fixtures.js";

describe("subsetImageSet", () => {
  it("copies a subset into a smaller set", () => {
    const s = set(3, 1, 2, 1, [0, 1, 2]);
    const sub = subsetImageSet(s, [2, 0]);
    expect(sub.count).toBe(2);
    expect(Array.from(sub.labels)).toEqual([2, 0]);
    expect(Array.from(sub.images)).toEqual([...s.images.subarray(4, 6), ...s.images.subarray(0, 2)]);
  });
});
