import { misclassifiedGridSvg } from "@mlp-lab/visualization";
import { describe, expect, it } from "vitest";
import { sampleBatch } from "./sample-images.js";

const sample = (label: number, prediction: number) => ({
  index: label,
  label,
  prediction,
  pixels: [0, 128, 255, 64],
});

describe("sampleBatch", () => {
  it("lays the samples out as one batch for the visualization grids", () => {
    const s = sampleBatch({ width: 2, height: 2, samples: [sample(1, 1), sample(2, 7)] });
    expect(Array.from(s.batch.pixels)).toEqual([0, 128, 255, 64, 0, 128, 255, 64]);
    expect(s.batch.channels).toBe(1);
    expect(s.yTrue).toEqual([1, 2]);
    expect(s.yPred).toEqual([1, 7]);
    expect(misclassifiedGridSvg(s.batch, { yTrue: s.yTrue, yPred: s.yPred })).toContain("Nb errors = 1");
  });

  it("rejects samples of the wrong size", () => {
    expect(() => sampleBatch({ width: 3, height: 3, samples: [sample(1, 1)] })).toThrow(
      /sample-images\.json.*pixels/,
    );
  });
});
