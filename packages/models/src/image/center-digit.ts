import type { GrayImage } from "./ink.js";
import { type Box, resampleArea } from "./resample.js";

/** MNIST's mean of the training images scaled to [0, 1]. */
export const MNIST_MEAN = 0.1307;
/** MNIST's standard deviation of the training images scaled to [0, 1]. */
export const MNIST_STD = 0.3081;

/** Smallest box holding every pixel with ink above `threshold`, or null for a blank image. */
export function inkBounds(image: GrayImage, threshold = 0.05): Box | null {
  let x0 = image.width;
  let y0 = image.height;
  let x1 = -1;
  let y1 = -1;
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (image.pixels[y * image.width + x]! > threshold) {
        x0 = Math.min(x0, x);
        x1 = Math.max(x1, x);
        y0 = Math.min(y0, y);
        y1 = Math.max(y1, y);
      }
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * A drawing or photo of a digit turned into an MNIST input, the way MNIST itself was made: the
 * digit's bounding box scaled so its longer side is 20 pixels, placed in a 28x28 field with its
 * centre of mass at the centre, then normalised with (x - mean) / std (MNIST's 0.1307 / 0.3081 by
 * default; pass the run's own). Returns the 784 model inputs and the 28x28 ink (for a preview), or
 * null when there is no ink.
 */
export function preprocessDigit(
  image: GrayImage,
  normalize: { mean: number; std: number } = { mean: MNIST_MEAN, std: MNIST_STD },
): { input: Float32Array; ink: Float32Array } | null {
  const box = inkBounds(image);
  if (!box) return null;
  const scale = 20 / Math.max(box.width, box.height);
  const w = Math.max(1, Math.round(box.width * scale));
  const h = Math.max(1, Math.round(box.height * scale));
  const digit = resampleArea(image.pixels, image.width, box, w, h);
  let mass = 0;
  let cx = 0;
  let cy = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const v = digit[y * w + x]!;
      mass += v;
      cx += v * (x + 0.5);
      cy += v * (y + 0.5);
    }
  }
  const offX = Math.round(14 - cx / mass);
  const offY = Math.round(14 - cy / mass);
  const ink = new Float32Array(28 * 28);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const tx = x + offX;
      const ty = y + offY;
      if (tx >= 0 && tx < 28 && ty >= 0 && ty < 28) ink[ty * 28 + tx] = digit[y * w + x]!;
    }
  }
  const input = ink.map((v) => (v - normalize.mean) / normalize.std);
  return { input, ink };
}
