import { describe, expect, it } from "vitest";
import { RdBu, colormapIndex, gray } from "./colormap.js";

function rgb(lut: Uint8Array, i: number): number[] {
  return Array.from(lut.subarray(i * 3, i * 3 + 3));
}

describe("colour maps", () => {
  it("matches matplotlib's RdBu bytes at the ends and the middle", () => {
    // cm.RdBu(0.0, bytes=True), cm.RdBu(0.5, bytes=True), cm.RdBu(1.0, bytes=True)
    expect(rgb(RdBu.lut, 0)).toEqual([103, 0, 31]);
    expect(rgb(RdBu.lut, 128)).toEqual([246, 246, 246]);
    expect(rgb(RdBu.lut, 255)).toEqual([5, 48, 97]);
  });
  it("is the identity ramp for gray", () => {
    expect(rgb(gray.lut, 0)).toEqual([0, 0, 0]);
    expect(rgb(gray.lut, 200)).toEqual([200, 200, 200]);
    expect(rgb(gray.lut, 255)).toEqual([255, 255, 255]);
  });
  it("indexes normalised values like matplotlib, clipping outside [vmin, vmax]", () => {
    expect(colormapIndex(0, -1, 1)).toBe(128);
    expect(colormapIndex(1, -1, 1)).toBe(255);
    expect(colormapIndex(-1, -1, 1)).toBe(0);
    expect(colormapIndex(-5, -1, 1)).toBe(0);
    expect(colormapIndex(5, -1, 1)).toBe(255);
    expect(colormapIndex(Number.NaN, -1, 1)).toBe(0);
    expect(colormapIndex(3, 3, 3)).toBe(128);
  });
});
