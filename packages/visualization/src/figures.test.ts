import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { FIXTURE_FIGURES } from "./__fixtures__/figures.js";
import { svgToPng } from "./svg-to-png.js";

// Set VIZ_REVIEW_DIR=/tmp/viz-review to keep the PNGs for a look.
const reviewDir = process.env.VIZ_REVIEW_DIR;

function svgSize(svg: string): { width: number; height: number } {
  const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(svg).svg;
  return { width: Number(root.width), height: Number(root.height) };
}

describe.each(FIXTURE_FIGURES)("figure $name", ({ name, draw, expect: texts }) => {
  it("is well-formed SVG with its labels, and the same bytes twice", async () => {
    const svg = await draw();
    expect(XMLValidator.validate(svg)).toBe(true);
    const { width, height } = svgSize(svg);
    expect(width).toBeGreaterThan(100);
    expect(height).toBeGreaterThan(60);
    for (const text of texts) expect(svg.includes(text), `SVG holds "${text}"`).toBe(true);
    expect(await draw()).toBe(svg);
  });

  it("rasterises to a PNG of the SVG's size times the scale, byte-stable", async () => {
    const svg = await draw();
    const { width, height } = svgSize(svg);
    const png = svgToPng(svg);
    const decoded = PNG.sync.read(Buffer.from(png));
    expect(decoded.width).toBe(Math.ceil(width * 2));
    expect(decoded.height).toBe(Math.ceil(height * 2));
    expect(Buffer.from(svgToPng(svg)).equals(Buffer.from(png))).toBe(true);
    if (reviewDir) {
      mkdirSync(reviewDir, { recursive: true });
      writeFileSync(join(reviewDir, `${name}.png`), png);
      writeFileSync(join(reviewDir, `${name}.svg`), svg);
    }
  });
});
