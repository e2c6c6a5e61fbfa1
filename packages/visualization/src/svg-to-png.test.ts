import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { VisualizationError } from "./errors.js";
import { figureBytes } from "./figure-bytes.js";
import { svgToPng } from "./svg-to-png.js";

const textOnly =
  '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="30"><rect width="120" height="30" fill="#fff"/><text x="4" y="20" font-family="sans-serif" font-size="16">True: 7</text></svg>';

describe("svgToPng", () => {
  it("draws text with the bundled font (not silently blank when no system font exists)", () => {
    const png = PNG.sync.read(Buffer.from(svgToPng(textOnly, { scale: 1 })));
    expect([png.width, png.height]).toEqual([120, 30]);
    let dark = 0;
    for (let i = 0; i < png.data.length; i += 4) if (png.data[i]! < 128) dark++;
    expect(dark).toBeGreaterThan(50);
  });
  it("scales the raster and rejects a bad scale", () => {
    const png = PNG.sync.read(Buffer.from(svgToPng(textOnly, { scale: 3 })));
    expect([png.width, png.height]).toEqual([360, 90]);
    expect(() => svgToPng(textOnly, { scale: 0 })).toThrow(VisualizationError);
  });
});

describe("figureBytes", () => {
  it("gives UTF-8 SVG or PNG bytes and rejects other formats", () => {
    expect(new TextDecoder().decode(figureBytes(textOnly, "svg"))).toBe(textOnly);
    expect(Array.from(figureBytes(textOnly, "png").subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    expect(() => figureBytes(textOnly, "pdf" as "svg")).toThrow(/got "pdf"/);
  });
});
