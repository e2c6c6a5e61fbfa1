import { type Colormap, colormapIndex, gray } from "./colormap.js";
import { VisualizationError } from "./errors.js";
import type { RasterImage } from "./png-encode.js";

/** One image as plain numbers: row-major, channels interleaved (HWC), like a flattened dataset row. */
export interface ImageInput {
  /** width * height * channels values. */
  pixels: ArrayLike<number>;
  /** Width in pixels. */
  width: number;
  /** Height in pixels. */
  height: number;
  /** 1 for grayscale (MNIST), 3 for RGB (CIFAR-10). Defaults to 1. */
  channels?: 1 | 3;
}

/** How scalar pixels become colours: the map and its value range; the range defaults to the image's min..max. */
export interface ColorScale {
  /** Colour map; `gray` by default. */
  colormap?: Colormap;
  /** Value shown with the first colour. */
  vmin?: number;
  /** Value shown with the last colour. */
  vmax?: number;
}

/** Minimum and maximum of finite values; [0, 0] when there are none. */
export function valueRange(values: ArrayLike<number>): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : [0, 0];
}

function checkSize(image: ImageInput, channels: number): void {
  const expected = image.width * image.height * channels;
  if (!(image.width > 0 && image.height > 0) || image.pixels.length !== expected) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `image of ${image.width}x${image.height}x${channels} needs ${expected} values, got ${image.pixels.length}`,
    );
  }
}

/**
 * Colours a one-channel image with a colour map, like matplotlib's `imshow(x, cmap, vmin, vmax)`
 * (which autoscales to the image's own min..max when no range is given).
 */
export function colorizeScalar(image: ImageInput, scale: ColorScale = {}): RasterImage {
  checkSize(image, 1);
  const [lo, hi] = valueRange(image.pixels);
  const vmin = scale.vmin ?? lo;
  const vmax = scale.vmax ?? hi;
  const cmap = scale.colormap ?? gray;
  const n = image.width * image.height;
  // Gray is its own LUT index, so one channel is enough and keeps tiles small.
  const channels = cmap === gray ? 1 : 3;
  const data = new Uint8Array(n * channels);
  for (let i = 0; i < n; i++) {
    const k = colormapIndex(image.pixels[i]!, vmin, vmax);
    if (channels === 1) data[i] = cmap.lut[k * 3]!;
    else data.set(cmap.lut.subarray(k * 3, k * 3 + 3), i * 3);
  }
  return { width: image.width, height: image.height, channels, data };
}

/**
 * An RGB image as 8-bit pixels. Uint8Array / Uint8ClampedArray input is taken as 0..255; any other array as
 * floats in [0, 1] (torchvision's `ToTensor` convention), clipped.
 */
export function rgbRaster(image: ImageInput): RasterImage {
  checkSize(image, 3);
  const bytes = image.pixels instanceof Uint8Array || image.pixels instanceof Uint8ClampedArray;
  const n = image.width * image.height * 3;
  const data = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const v = image.pixels[i]!;
    data[i] = bytes ? v : Math.round(Math.min(1, Math.max(0, v)) * 255);
  }
  return { width: image.width, height: image.height, channels: 3, data };
}

/** Grayscale images go through `colorizeScalar`, RGB images through `rgbRaster`. */
export function toRaster(image: ImageInput, scale: ColorScale = {}): RasterImage {
  return (image.channels ?? 1) === 3 ? rgbRaster(image) : colorizeScalar(image, scale);
}
