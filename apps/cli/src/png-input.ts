import { readFile } from "node:fs/promises";
import type { DatasetInfo } from "@mlp-lab/datasets";
import { PNG } from "pngjs";
import { UsageError } from "./cli-error.js";

/** How to turn a PNG into a model input. */
export interface PngInputOptions {
  /** Resize to the model's input size instead of refusing another size. */
  resize?: boolean;
  /** Invert the grey levels (dark ink on a light background, unlike MNIST). */
  invert?: boolean;
}

/** Bilinear sample of channel `c` of an RGBA image at (x, y) in source pixel coordinates. */
function bilinear(png: PNG, x: number, y: number, c: number): number {
  const x0 = Math.max(0, Math.min(png.width - 1, Math.floor(x)));
  const y0 = Math.max(0, Math.min(png.height - 1, Math.floor(y)));
  const x1 = Math.min(png.width - 1, x0 + 1);
  const y1 = Math.min(png.height - 1, y0 + 1);
  const fx = Math.max(0, Math.min(1, x - x0));
  const fy = Math.max(0, Math.min(1, y - y0));
  const at = (xx: number, yy: number) => png.data[(yy * png.width + xx) * 4 + c]!;
  return (
    (at(x0, y0) * (1 - fx) + at(x1, y0) * fx) * (1 - fy) + (at(x0, y1) * (1 - fx) + at(x1, y1) * fx) * fy
  );
}

/** RGBA pixel of the image resized to `w x h` (box-filtered when shrinking, bilinear otherwise). */
function pixelAt(png: PNG, w: number, h: number, px: number, py: number): [number, number, number, number] {
  const sx = png.width / w;
  const sy = png.height / h;
  const rgba: [number, number, number, number] = [0, 0, 0, 0];
  // Average a few bilinear samples per output pixel so that shrinking a big drawing keeps thin strokes.
  const n = Math.max(1, Math.ceil(Math.max(sx, sy)));
  for (let c = 0; c < 4; c++) {
    let sum = 0;
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        sum += bilinear(png, (px + (i + 0.5) / n) * sx - 0.5, (py + (j + 0.5) / n) * sy - 0.5, c);
      }
    }
    rgba[c] = sum / (n * n);
  }
  return rgba;
}

/**
 * Decode a PNG file (grey, grey+alpha, RGB or RGBA, any bit depth pngjs reads) into one normalised
 * input row for a model trained on `info`: grey or RGB as the data set is, `height x width`, in the
 * loader's layout (HWC for grey, CHW for colour) with the data set's mean and std.
 */
export async function pngToInput(
  path: string,
  info: Pick<DatasetInfo, "height" | "width" | "channels" | "mean" | "std">,
  options: PngInputOptions = {},
): Promise<Float32Array> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${path}: cannot read it (${error.code ?? error.message})`);
  });
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw new UsageError(`${path}: not a PNG image (${(error as Error).message})`);
  }
  const { height: h, width: w, channels } = info;
  if ((png.width !== w || png.height !== h) && !options.resize) {
    throw new UsageError(
      `${path} is ${png.width}x${png.height} but the model takes ${w}x${h}; pass --resize to scale it`,
    );
  }
  const out = new Float32Array(h * w * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const [r, g, b, a] = pixelAt(png, w, h, x, y);
      // Transparent pixels count as background (black, like MNIST's).
      const alpha = a / 255;
      let rgb = [r * alpha, g * alpha, b * alpha];
      if (options.invert) rgb = rgb.map((v) => 255 - v);
      if (channels === 1) {
        const grey = 0.299 * rgb[0]! + 0.587 * rgb[1]! + 0.114 * rgb[2]!;
        out[y * w + x] = (grey / 255 - info.mean[0]!) / info.std[0]!;
      } else {
        for (let c = 0; c < channels; c++) {
          out[c * h * w + y * w + x] = (rgb[c]! / 255 - info.mean[c]!) / info.std[c]!;
        }
      }
    }
  }
  return out;
}
