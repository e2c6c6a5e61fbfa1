import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodePng, pngDataUri, toBase64 } from "./png-encode.js";

describe("encodePng", () => {
  it("writes grayscale and RGB PNGs that a decoder reads back pixel for pixel", () => {
    const grayData = Uint8Array.from({ length: 12 }, (_, i) => i * 20);
    const g = PNG.sync.read(Buffer.from(encodePng({ width: 4, height: 3, channels: 1, data: grayData })));
    expect([g.width, g.height]).toEqual([4, 3]);
    expect(g.data[4 * 5]).toBe(100); // RGBA after decoding: pixel 5's red
    const rgbData = Uint8Array.from([255, 0, 0, 0, 255, 0]);
    const c = PNG.sync.read(Buffer.from(encodePng({ width: 2, height: 1, channels: 3, data: rgbData })));
    expect(Array.from(c.data)).toEqual([255, 0, 0, 255, 0, 255, 0, 255]);
  });
  it("encodes base64 like Buffer does, for every padding length", () => {
    for (const n of [0, 1, 2, 3, 4, 5]) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => 250 - i * 7);
      expect(toBase64(bytes)).toBe(Buffer.from(bytes).toString("base64"));
    }
    expect(pngDataUri({ width: 1, height: 1, channels: 1, data: Uint8Array.of(7) })).toMatch(
      /^data:image\/png;base64,iVBOR/,
    );
  });
});
