import { writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { pngToInput } from "./png-input.js";

const GREY = { height: 2, width: 2, channels: 1, mean: [0.5], std: [0.5] };
const RGB = { height: 2, width: 2, channels: 3, mean: [0, 0, 0], std: [1, 1, 1] };

function writePng(pixels: number[][], size: number): string {
  const png = new PNG({ width: size, height: size });
  pixels.forEach((p, i) => png.data.set(p, i * 4));
  const path = join(mkdtempSync(join(tmpdir(), "png-input-")), "x.png");
  writeFileSync(path, PNG.sync.write(png));
  return path;
}

describe("pngToInput", () => {
  it("normalises grey pixels with the data set's mean and std", async () => {
    const path = writePng(
      [
        [0, 0, 0, 255],
        [255, 255, 255, 255],
        [255, 255, 255, 0],
        [255, 255, 255, 255],
      ],
      2,
    );
    // Black → (0 - 0.5) / 0.5 = -1; white → 1; transparent counts as black.
    expect(Array.from(await pngToInput(path, GREY))).toEqual([-1, 1, -1, 1]);
    expect(Array.from(await pngToInput(path, GREY, { invert: true }))).toEqual([1, -1, 1, -1]);
  });

  it("lays colour out channel-first like the loader", async () => {
    const red = [255, 0, 0, 255];
    const path = writePng([red, red, red, red], 2);
    expect(Array.from(await pngToInput(path, RGB))).toEqual([1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("refuses another size unless asked to resize", async () => {
    const white = [255, 255, 255, 255];
    const path = writePng(
      Array.from({ length: 16 }, () => white),
      4,
    );
    await expect(pngToInput(path, GREY)).rejects.toThrow("is 4x4 but the model takes 2x2; pass --resize");
    expect(Array.from(await pngToInput(path, GREY, { resize: true }))).toEqual([1, 1, 1, 1]);
  });

  it("names a file that is not a PNG", async () => {
    const path = join(mkdtempSync(join(tmpdir(), "png-input-")), "bad.png");
    writeFileSync(path, "not a png");
    await expect(pngToInput(path, GREY)).rejects.toThrow(`${path}: not a PNG image`);
  });
});
