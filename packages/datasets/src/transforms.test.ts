import { describe, expect, it } from "vitest";
import type { ImageSet } from "./image-set.js";
import { tinySet as set } from "./test-fixtures.js";
import { channelStats, imagesToFloat, oneHot } from "./transforms.js";

describe("transforms", () => {
  it("converts HWC bytes to normalised CHW floats", () => {
    const s = set(2, 2, 2, 3, [0, 1]);
    const out = imagesToFloat(s, { normalize: { mean: [0.1, 0.2, 0.3], std: [1, 2, 4] } });
    // sample 1, channel 2, pixel 3 comes from HWC byte (1*4 + 3)*3 + 2.
    expect(out[12 + 2 * 4 + 3]).toBeCloseTo((s.images[(4 + 3) * 3 + 2]! / 255 - 0.3) / 4, 6);
    expect(imagesToFloat(s, { indices: [1] })).toEqual(imagesToFloat(s).subarray(12));
  });

  it("lays out any channel count as CHW or HWC", () => {
    const s = set(2, 2, 3, 2, [0, 1]);
    const chw = imagesToFloat(s);
    const hwc = imagesToFloat(s, { layout: "flat-hwc" });
    for (let n = 0; n < 2; n++) {
      for (let p = 0; p < 6; p++) {
        for (let c = 0; c < 2; c++) {
          const byte = s.images[(n * 6 + p) * 2 + c]!;
          expect(chw[n * 12 + c * 6 + p]).toBe(Math.fround(byte / 255));
          expect(hwc[n * 12 + p * 2 + c]).toBe(Math.fround(byte / 255));
        }
      }
    }
  });

  it("one-hot encodes labels and rejects out-of-range ones", () => {
    expect(Array.from(oneHot([2, 0], 3))).toEqual([0, 0, 1, 1, 0, 0]);
    expect(() => oneHot([3], 3)).toThrow(/label 3 at index 0/);
  });

  it("computes per-channel mean and std of [0,1]-scaled pixels", () => {
    const s: ImageSet = { ...set(1, 1, 2, 2, [0]), images: Uint8Array.of(0, 255, 255, 255) };
    const { mean, std } = channelStats(s);
    expect(mean).toEqual([0.5, 1]);
    expect(std[0]).toBeCloseTo(0.5, 12);
    expect(std[1]).toBeCloseTo(0, 12);
  });
});
