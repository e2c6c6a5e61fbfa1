import { describe, expect, it } from "vitest";
import { coefficientMapsSvg } from "./coefficient-maps.js";
import { VisualizationError } from "./errors.js";
import { colorizeScalar, rgbRaster } from "./image-tile.js";
import { misclassifiedGridSvg } from "./misclassified-grid.js";
import { sampleGridSvg } from "./sample-grid.js";
import { weightMapsSvg } from "./weight-maps.js";

const batch = { pixels: new Float32Array(4 * 4 * 3), width: 4, height: 4 };

describe("image tiles", () => {
  it("autoscales grayscale to the image's range like imshow, and honours vmin/vmax", () => {
    const img = { pixels: [-2, 0, 2, 6], width: 2, height: 2 };
    expect(Array.from(colorizeScalar(img).data)).toEqual([0, 64, 128, 255]);
    expect(Array.from(colorizeScalar(img, { vmin: 0, vmax: 2 }).data)).toEqual([0, 0, 255, 255]);
  });
  it("reads RGB bytes as 0..255 and floats as 0..1", () => {
    expect(
      Array.from(rgbRaster({ pixels: Uint8Array.of(1, 2, 3), width: 1, height: 1, channels: 3 }).data),
    ).toEqual([1, 2, 3]);
    expect(Array.from(rgbRaster({ pixels: [0, 0.5, 2], width: 1, height: 1, channels: 3 }).data)).toEqual([
      0, 128, 255,
    ]);
  });
});

describe("image grids", () => {
  it("shows 'True: y' without predictions and 'True: y Pred: p' with them", () => {
    expect(sampleGridSvg(batch, { yTrue: [1, 2, 3] })).toContain(">True: 2<");
    const svg = sampleGridSvg(batch, { yTrue: [1, 2, 3], yPred: [1, 5, 3], rows: 1, cols: 3 });
    expect(svg).toContain(">True: 2 Pred: 5<");
    expect(svg.match(/<image /g)).toHaveLength(3);
  });
  it("rejects labels that do not match the batch", () => {
    expect(() => sampleGridSvg(batch, { yTrue: [1, 2] })).toThrow(VisualizationError);
    expect(() => sampleGridSvg(batch, { yTrue: [1, 2] })).toThrow(/3 images but yTrue has 2/);
    expect(() => sampleGridSvg({ ...batch, width: 5 }, { yTrue: [1] })).toThrow(/not a whole number/);
  });
  it("says so when nothing is misclassified", () => {
    const svg = misclassifiedGridSvg(batch, { yTrue: [1, 2, 3], yPred: [1, 2, 3] });
    expect(svg).toContain("Nb errors = 0, (Error rate = 0.00%)");
  });
  it("scales coefficient maps to ±max|coef| and weight maps to 0.5·min..0.5·max", () => {
    const coef = Array.from({ length: 2 * 4 }, (_, i) => i - 4); // -4 .. 3
    const maps = coefficientMapsSvg(coef, { numClasses: 2, width: 2, height: 2, rows: 1, cols: 2 });
    expect(maps).toContain(">-4<");
    expect(maps).toContain(">4<");
    expect(maps).toContain(">Class 1<");
    const kernel = Array.from({ length: 4 * 3 }, (_, i) => i - 2); // -2 .. 9, [4 inputs, 3 units]
    const weights = weightMapsSvg(kernel, { units: 3, width: 2, height: 2 });
    expect(weights).toContain(">-1<");
    expect(weights).toContain(">4.5<");
    expect(weights).toContain(">Unit 2<");
    expect(() => weightMapsSvg(kernel, { units: 5, width: 2, height: 2 })).toThrow(
      /expected 2x2 inputs x 5 units/,
    );
  });
});

describe("coefficient layouts", () => {
  it("draws the same maps from [classes, pixels] and from a [pixels, classes] Dense kernel", () => {
    const classesFirst = Array.from({ length: 3 * 4 }, (_, i) => Math.sin(i));
    const inputsFirst = new Array<number>(12);
    for (let c = 0; c < 3; c++) for (let p = 0; p < 4; p++) inputsFirst[p * 3 + c] = classesFirst[c * 4 + p]!;
    const opts = { numClasses: 3, width: 2, height: 2, rows: 1, cols: 3 };
    expect(coefficientMapsSvg(inputsFirst, { ...opts, inputsFirst: true })).toBe(
      coefficientMapsSvg(classesFirst, opts),
    );
    expect(coefficientMapsSvg(inputsFirst, opts)).not.toBe(coefficientMapsSvg(classesFirst, opts));
  });
});
