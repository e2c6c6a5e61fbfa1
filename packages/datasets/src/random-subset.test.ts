import { describe, expect, it } from "vitest";
import { randomSubset } from "./random-subset.js";

describe("randomSubset", () => {
  it("draws size distinct indices below total, reproducibly", () => {
    const a = randomSubset(1000, 100, 4);
    expect(a.length).toBe(100);
    expect(new Set(a).size).toBe(100);
    expect(Math.max(...a)).toBeLessThan(1000);
    expect(randomSubset(1000, 100, 4)).toEqual(a);
    expect(() => randomSubset(10, 11, 4)).toThrow(RangeError);
  });
});
