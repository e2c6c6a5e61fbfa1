/** MNIST's mean and standard deviation, the normalisation the course's models were trained with. */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

/** A grayscale image: ink in [0, 1] (1 = full stroke), row-major. */
export interface GrayImage {
  pixels: Float32Array;
  width: number;
  height: number;
}

/** Ink of an RGBA canvas drawn white on black: the mean of R, G and B over 255. */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): GrayImage {
  const pixels = new Float32Array(width * height);
  for (let i = 0; i < pixels.length; i++) {
    pixels[i] = (rgba[4 * i]! + rgba[4 * i + 1]! + rgba[4 * i + 2]!) / (3 * 255);
  }
  return { pixels, width, height };
}

/** Smallest box holding every pixel with ink above `threshold`, or null for a blank image. */
export function inkBounds(image: GrayImage, threshold = 0.05) {
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

/** Area-average resample of a region to `outW` x `outH` (anti-aliased like MNIST's own downscaling). */
function resampleArea(
  image: GrayImage,
  box: { x: number; y: number; width: number; height: number },
  outW: number,
  outH: number,
): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = box.width / outW;
  const sy = box.height / outH;
  for (let oy = 0; oy < outH; oy++) {
    const top = box.y + oy * sy;
    const bottom = top + sy;
    for (let ox = 0; ox < outW; ox++) {
      const left = box.x + ox * sx;
      const right = left + sx;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(top); y < Math.ceil(bottom); y++) {
        const wy = Math.min(bottom, y + 1) - Math.max(top, y);
        for (let x = Math.floor(left); x < Math.ceil(right); x++) {
          const w = wy * (Math.min(right, x + 1) - Math.max(left, x));
          sum += w * image.pixels[y * image.width + x]!;
          area += w;
        }
      }
      out[oy * outW + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/**
 * A drawing turned into an MNIST input, the way MNIST itself was made: the digit's bounding box scaled so its
 * longer side is 20 pixels, placed in a 28x28 field with its centre of mass at the centre, then normalised
 * with (x - mean) / std: the run's own statistics (see `normalizationOf`), MNIST's 0.1307 / 0.3081 by
 * default. Returns the 784 model inputs and the 28x28 ink (for a preview), or null when nothing is drawn.
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
  const digit = resampleArea(image, box, w, h);
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
