import { describe, expect, it } from "vitest";
import { MNIST_MEAN, MNIST_STD, preprocessDigit } from "./mnist-preprocess.js";
import { normalizationOf } from "./run-normalization.js";

describe("normalizationOf", () => {
  it("reads the run's recorded one-channel statistics (mlp train writes lists)", () => {
    expect(normalizationOf({ dataset: "fashion-mnist", normalize: { mean: [0.286], std: [0.353] } })).toEqual(
      {
        mean: 0.286,
        std: 0.353,
        from: "run",
      },
    );
    expect(normalizationOf({ dataset: "custom", normalize: { mean: 0.5, std: 0.25 } })).toMatchObject({
      mean: 0.5,
      std: 0.25,
      from: "run",
    });
  });

  it("falls back to MNIST's statistics for an older run that recorded none", () => {
    const n = normalizationOf({ dataset: "fashion-mnist" });
    expect(n).toMatchObject({ mean: MNIST_MEAN, std: MNIST_STD, from: "mnist" });
    expect(n.reason).toContain("recorded no normalisation");
  });

  it("falls back, saying which key is wrong, for statistics it cannot use", () => {
    const rgb = normalizationOf({
      dataset: "cifar10",
      normalize: { mean: [0.49, 0.48, 0.45], std: [0.25, 0.24, 0.26] },
    });
    expect(rgb).toMatchObject({ mean: MNIST_MEAN, std: MNIST_STD, from: "mnist" });
    expect(rgb.reason).toMatch(/^config\.normalize\.mean /);
    const zero = normalizationOf({ dataset: "mnist", normalize: { mean: [0.1], std: [0] } });
    expect(zero).toMatchObject({ from: "mnist" });
    expect(zero.reason).toContain("config.normalize.std");
    expect(normalizationOf({ dataset: "mnist", normalize: "z-score" }).reason).toMatch(/^config\.normalize /);
  });

  it("feeds preprocessDigit, which then normalises with the run's statistics", () => {
    const pixels = new Float32Array(28 * 28);
    for (let y = 4; y < 24; y++) for (let x = 4; x < 24; x++) pixels[y * 28 + x] = 1;
    const fashion = normalizationOf({ dataset: "fashion-mnist", normalize: { mean: [0.286], std: [0.353] } });
    const digit = preprocessDigit({ pixels, width: 28, height: 28 }, fashion)!;
    const values = new Set(Array.from(digit.input, (v) => v.toFixed(4)));
    expect(values).toContain(((0 - 0.286) / 0.353).toFixed(4));
    expect(values).toContain(((1 - 0.286) / 0.353).toFixed(4));
    expect(values).not.toContain(((0 - MNIST_MEAN) / MNIST_STD).toFixed(4));
  });
});
