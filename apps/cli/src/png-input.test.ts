import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { MNIST_MEAN, MNIST_STD, inkBounds } from "@mlp-lab/models/image";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { pngToInput } from "./png-input.js";

const GREY = { height: 2, width: 2, channels: 1, mean: [0.5], std: [0.5] };
const RGB = { height: 2, width: 2, channels: 3, mean: [0, 0, 0], std: [1, 1, 1] };
const MNIST = { height: 28, width: 28, channels: 1, mean: [MNIST_MEAN], std: [MNIST_STD] };
const INK = (1 - MNIST_MEAN) / MNIST_STD;
const PAPER = (0 - MNIST_MEAN) / MNIST_STD;

const dir = mkdtempSync(join(tmpdir(), "png-input-"));
let files = 0;

function save(bytes: Uint8Array): string {
  const path = join(dir, `image-${files++}.png`);
  writeFileSync(path, bytes);
  return path;
}

/** An 8-bit RGBA PNG (pngjs) from one RGBA colour per pixel, written as `colorType`. */
function writePng(pixels: number[][], size: number, colorType: 0 | 2 | 4 | 6 = 6): string {
  const png = new PNG({ width: size, height: size });
  pixels.forEach((p, i) => png.data.set(p, i * 4));
  return save(PNG.sync.write(png, { colorType }));
}

/** A 28x28 drawing: `ink` on a vertical bar (x 12..15, y 4..23), `background` elsewhere (RGBA). */
function bar(ink: number[], background: number[]): number[][] {
  return Array.from({ length: 28 * 28 }, (_, i) => {
    const x = i % 28;
    const y = Math.floor(i / 28);
    return x >= 12 && x < 16 && y >= 4 && y < 24 ? ink : background;
  });
}

/** The rows of `input` (28x28) where the bar is, and where it is not, must read ink and paper. */
function expectBar(input: Float32Array): void {
  for (let i = 0; i < 784; i++) {
    const x = i % 28;
    const y = Math.floor(i / 28);
    const onBar = x >= 12 && x < 16 && y >= 4 && y < 24;
    expect(input[i], `pixel (${x}, ${y})`).toBeCloseTo(onBar ? INK : PAPER, 4);
  }
}

// CRC-32 of PNG chunks (ISO 3309), for the hand-made palette and 16-bit files below.
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(new TextEncoder().encode(type), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}
/** A PNG from raw scanlines (filter 0 added here), for colour types pngjs cannot write. */
function rawPng(
  width: number,
  height: number,
  colorType: number,
  bitDepth: number,
  rows: Uint8Array[],
  extra: Uint8Array[] = [],
): string {
  const ihdr = new Uint8Array(13);
  const view = new DataView(ihdr.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  ihdr.set([bitDepth, colorType, 0, 0, 0], 8);
  const raw = new Uint8Array(rows.reduce((n, r) => n + 1 + r.length, 0));
  let at = 0;
  for (const r of rows) {
    raw[at++] = 0;
    raw.set(r, at);
    at += r.length;
  }
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    ...extra,
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return save(out);
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
    // Black → (0 - 0.5) / 0.5 = -1; white → 1; transparent is background, inverted or not.
    expect(Array.from(await pngToInput(path, GREY))).toEqual([-1, 1, -1, 1]);
    expect(Array.from(await pngToInput(path, GREY, { invert: true }))).toEqual([1, -1, -1, -1]);
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
    const path = join(dir, "bad.png");
    writeFileSync(path, "not a png");
    await expect(pngToInput(path, GREY)).rejects.toThrow(`${path}: not a PNG image`);
  });

  it("refuses a PNG whose header claims more pixels than the limit, before decoding it", async () => {
    const white = [255, 255, 255, 255];
    const small = readFileSync(writePng([white, white, white, white], 2));
    // Rewrite IHDR's width and height to 30000x30000: a few hundred bytes that would decode to 3.6 GB.
    const bomb = Buffer.from(small);
    bomb.writeUInt32BE(30000, 16);
    bomb.writeUInt32BE(30000, 20);
    const path = join(dir, "bomb.png");
    writeFileSync(path, bomb);
    await expect(pngToInput(path, GREY, { resize: true })).rejects.toThrow(
      `${path}: the PNG claims 30000x30000 pixels, over mlp predict's limit`,
    );
  });
});

// #14 defect 2: alpha was blended over black before --invert, so dark ink on a transparent
// background came out blank, or all white with --invert.
describe("pngToInput with transparency, bit depths and palettes", () => {
  it("reads dark ink on a transparent background as a digit with --invert (RGBA)", async () => {
    // Drawing apps leave transparent pixels black or white; both are background.
    for (const clear of [
      [0, 0, 0, 0],
      [255, 255, 255, 0],
    ]) {
      const path = writePng(bar([0, 0, 0, 255], clear), 28);
      expectBar(await pngToInput(path, MNIST, { invert: true }));
    }
  });

  it("reads light ink on a transparent background as a digit without --invert (grey + alpha)", async () => {
    const path = writePng(bar([255, 255, 255, 255], [0, 0, 0, 0]), 28, 4);
    expectBar(await pngToInput(path, MNIST));
  });

  it("reads dark ink on white RGB paper with --invert, and white on black without", async () => {
    expectBar(
      await pngToInput(writePng(bar([0, 0, 0, 255], [255, 255, 255, 255]), 28, 2), MNIST, { invert: true }),
    );
    expectBar(await pngToInput(writePng(bar([255, 255, 255, 255], [0, 0, 0, 255]), 28, 2), MNIST));
  });

  it("reads 16-bit grey and 16-bit grey + alpha", async () => {
    const grey16 = Array.from({ length: 28 }, (_, y) => {
      const row = new Uint8Array(28 * 2);
      for (let x = 12; x < 16; x++) if (y >= 4 && y < 24) row.set([0xff, 0xff], x * 2);
      return row;
    });
    expectBar(await pngToInput(rawPng(28, 28, 0, 16, grey16), MNIST));
    // Grey + alpha, 16 bits: black ink, transparent elsewhere.
    const ga16 = Array.from({ length: 28 }, (_, y) => {
      const row = new Uint8Array(28 * 4);
      for (let x = 12; x < 16; x++) if (y >= 4 && y < 24) row.set([0, 0, 0xff, 0xff], x * 4);
      return row;
    });
    expectBar(await pngToInput(rawPng(28, 28, 4, 16, ga16), MNIST, { invert: true }));
  });

  it("reads palette PNGs, with a transparent palette entry (tRNS)", async () => {
    // Palette: 0 = white (transparent through tRNS), 1 = black ink.
    const plte = chunk("PLTE", Uint8Array.from([255, 255, 255, 0, 0, 0]));
    const trns = chunk("tRNS", Uint8Array.from([0, 255]));
    const rows = Array.from({ length: 28 }, (_, y) =>
      Uint8Array.from({ length: 28 }, (_, x) => (x >= 12 && x < 16 && y >= 4 && y < 24 ? 1 : 0)),
    );
    expectBar(await pngToInput(rawPng(28, 28, 3, 8, rows, [plte, trns]), MNIST, { invert: true }));
    // Same palette, opaque: dark ink on white paper.
    expectBar(await pngToInput(rawPng(28, 28, 3, 8, rows, [plte]), MNIST, { invert: true }));
  });

  it("centres a digit like MNIST with --center: any size, box to 20 px, mass at the centre", async () => {
    const size = 120;
    const pixels = Array.from({ length: size * size }, (_, i) => {
      const x = i % size;
      const y = Math.floor(i / size);
      return x >= 5 && x < 15 && y >= 10 && y < 90 ? [0, 0, 0, 255] : [0, 0, 0, 0];
    });
    const path = writePng(pixels, size);
    const input = await pngToInput(path, MNIST, { center: true, invert: true });
    const ink = { pixels: input.map((v) => v * MNIST_STD + MNIST_MEAN), width: 28, height: 28 };
    const box = inkBounds(ink, 0.5)!;
    expect(box.height).toBe(20);
    // Centred within a pixel (the mass is centred, then rounded to whole pixels).
    expect(Math.abs(box.y + box.height / 2 - 14)).toBeLessThanOrEqual(1);
    expect(Math.abs(box.x + box.width / 2 - 14)).toBeLessThanOrEqual(1);
    await expect(pngToInput(path, MNIST, { center: true })).rejects.toThrow(
      /no ink found in the 120x120 image \(dark ink on a light or transparent background needs --invert\)/,
    );
  });
});
