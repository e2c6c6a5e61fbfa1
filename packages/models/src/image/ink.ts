/** An 8-bit RGBA image, row-major, 4 values per pixel (a canvas's `ImageData`, a decoded PNG). */
export interface RgbaImage {
  /** `width * height * 4` values in [0, 255]. */
  data: ArrayLike<number>;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** A single-channel image with values in [0, 1] (ink: 1 = full stroke), row-major. */
export interface GrayImage {
  /** `width * height` values. */
  pixels: Float32Array;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
}

/** How colours become ink. */
export interface InkOptions {
  /**
   * Dark ink on a light background (paper, a photo): ink is 1 - brightness. Default false: light ink
   * on a dark background, like MNIST. Applied before transparency, see {@link inkPlanes}.
   */
  invert?: boolean;
}

// ITU-R BT.601 luma, what PIL's convert("L") uses.
const LUMA = [0.299, 0.587, 0.114] as const;

/**
 * The image as `channels` planes (1: grey from luma, 3: R, G, B) of ink in [0, 1]. Transparency is
 * background: each value is inverted first (with `invert`), then multiplied by alpha, so a fully
 * transparent pixel is no ink whatever its colour, and dark ink on a transparent background reads
 * as a digit with `invert` (blending over black before inverting turned it all white).
 */
export function inkPlanes(image: RgbaImage, channels: number, options: InkOptions = {}): Float32Array[] {
  const n = image.width * image.height;
  const planes = Array.from({ length: channels }, () => new Float32Array(n));
  const { data } = image;
  for (let i = 0; i < n; i++) {
    const alpha = data[4 * i + 3]! / 255;
    for (let c = 0; c < channels; c++) {
      let v =
        channels === 1
          ? (LUMA[0] * data[4 * i]! + LUMA[1] * data[4 * i + 1]! + LUMA[2] * data[4 * i + 2]!) / 255
          : data[4 * i + c]! / 255;
      if (options.invert) v = 1 - v;
      planes[c]![i] = v * alpha;
    }
  }
  return planes;
}

/** The ink of an RGBA image as one grey plane; see {@link inkPlanes}. */
export function inkFromRgba(image: RgbaImage, options: InkOptions = {}): GrayImage {
  return { pixels: inkPlanes(image, 1, options)[0]!, width: image.width, height: image.height };
}
