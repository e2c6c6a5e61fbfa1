import { describe, expect, it } from "vitest";
import { pixelLookupTable } from "./pixel-transform.js";

describe("pixelLookupTable", () => {
  it("maps each byte of each channel to (v / 255 - mean) / std", () => {
    const lut = pixelLookupTable(2, { mean: [0.5, 0], std: [0.5, 2] });
    expect(lut.length).toBe(512);
    expect(lut[0]).toBe(-1);
    expect(lut[255]).toBe(1);
    expect(lut[256 + 255]).toBe(0.5);
    expect(pixelLookupTable(1)[51]).toBe(Math.fround(0.2));
  });

  it("rejects a std of zero and a wrong number of channel statistics", () => {
    expect(() => pixelLookupTable(1, { mean: [0], std: [0] })).toThrow(/std\[0\] must be > 0/);
    expect(() => pixelLookupTable(3, { mean: [0], std: [1] })).toThrow(/3 mean and std/);
  });
});
