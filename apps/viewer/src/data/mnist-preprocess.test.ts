import { describe, expect, it } from "vitest";
import { MNIST_MEAN, MNIST_STD, inkBounds, inkFromRgba, preprocessDigit } from "./mnist-preprocess.js";

function canvasWithBar(size: number, x0: number, x1: number, y0: number, y1: number) {
  const pixels = new Float32Array(size * size);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) pixels[y * size + x] = 1;
  return { pixels, width: size, height: size };
}

describe("preprocessDigit", () => {
  it("returns null for a blank drawing", () => {
    expect(preprocessDigit({ pixels: new Float32Array(100), width: 10, height: 10 })).toBeNull();
  });

  it("scales the digit's box to 20 px and centres its mass in 28x28, like MNIST", () => {
    // A bar in the top-left corner of a 280x280 canvas: 20 px wide, 200 px tall.
    const digit = preprocessDigit(canvasWithBar(280, 10, 30, 5, 205));
    expect(digit).not.toBeNull();
    const box = inkBounds({ pixels: digit!.ink, width: 28, height: 28 }, 0.5)!;
    expect(box.height).toBe(20);
    expect(box.width).toBe(2);
    expect(box.x + box.width / 2).toBeCloseTo(14, 0);
    expect(box.y + box.height / 2).toBeCloseTo(14, 0);
  });

  it("normalises with MNIST's mean and std", () => {
    const digit = preprocessDigit(canvasWithBar(28, 4, 24, 4, 24))!;
    const values = new Set(Array.from(digit.input, (v) => v.toFixed(4)));
    expect(values).toContain(((0 - MNIST_MEAN) / MNIST_STD).toFixed(4));
    expect(values).toContain(((1 - MNIST_MEAN) / MNIST_STD).toFixed(4));
    expect(digit.input).toHaveLength(784);
  });
});

describe("inkFromRgba", () => {
  it("reads white-on-black pixels as ink", () => {
    const ink = inkFromRgba([255, 255, 255, 255, 0, 0, 0, 255], 2, 1);
    expect(Array.from(ink.pixels)).toEqual([1, 0]);
  });
});
