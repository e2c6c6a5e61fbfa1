import { ModelError } from "../errors.js";
import { preprocessDigit } from "./center-digit.js";
import { type InkOptions, type RgbaImage, inkPlanes } from "./ink.js";
import { resampleArea } from "./resample.js";

/** The input a model takes: size, channels and the normalisation it was trained with. */
export interface ImageInputShape {
  /** Height in pixels. */
  height: number;
  /** Width in pixels. */
  width: number;
  /** 1 (grey) or 3 (RGB). */
  channels: number;
  /** Per-channel mean of the training images in [0, 1]. */
  mean: readonly number[];
  /** Per-channel standard deviation. */
  std: readonly number[];
}

/** How an image is fitted to the model's input. */
export type ImageFit =
  /** The image must have the input's size already. */
  | "exact"
  /** Scale the whole image to the input's size (area average). */
  | "resize"
  /** MNIST's own preparation: the ink's box scaled to 20 px, centred by mass in 28x28 (grey only). */
  | "center-digit";

/** Options of {@link imageToInput}. */
export interface ImageInputOptions extends InkOptions {
  /** Default `"exact"`. */
  fit?: ImageFit;
}

const FITS: readonly ImageFit[] = ["exact", "resize", "center-digit"];

function checkShape(shape: ImageInputShape): void {
  const { height, width, channels, mean, std } = shape ?? ({} as ImageInputShape);
  for (const [field, v] of [
    ["height", height],
    ["width", width],
  ] as const) {
    if (!Number.isInteger(v) || v <= 0) {
      throw new ModelError("BAD_OPTION", `imageToInput: shape.${field} must be a positive integer, got ${v}`);
    }
  }
  if (channels !== 1 && channels !== 3) {
    throw new ModelError("BAD_OPTION", `imageToInput: shape.channels must be 1 or 3, got ${channels}`);
  }
  for (const [field, v] of [
    ["mean", mean],
    ["std", std],
  ] as const) {
    if (!Array.isArray(v) || v.length !== channels || v.some((x) => !Number.isFinite(x))) {
      throw new ModelError(
        "BAD_OPTION",
        `imageToInput: shape.${field} must hold ${channels} finite number(s), got ${JSON.stringify(v)}`,
      );
    }
  }
  if (std.some((s) => s <= 0)) {
    throw new ModelError("BAD_OPTION", `imageToInput: shape.std must be > 0, got ${JSON.stringify(std)}`);
  }
}

/**
 * One image to one model input row, the preprocessing `mlp predict` and the viewer's Try-it page
 * share: colours to ink (`invert` for dark ink on light paper; transparent pixels are background),
 * fitted to the input (`fit`), normalised with the training statistics, laid out like the loaders
 * (HWC for grey, CHW for colour).
 * @throws ModelError `IMAGE_SIZE_MISMATCH` (fit `exact`, other size), `IMAGE_BLANK` (fit
 * `center-digit`, no ink found), `BAD_OPTION`.
 */
export function imageToInput(
  image: RgbaImage,
  shape: ImageInputShape,
  options: ImageInputOptions = {},
): Float32Array {
  checkShape(shape);
  const fit = options.fit ?? "exact";
  if (!FITS.includes(fit)) {
    throw new ModelError(
      "BAD_OPTION",
      `imageToInput: options.fit must be one of ${FITS.join(", ")}, got ${fit}`,
    );
  }
  const { width: iw, height: ih, data } = image ?? ({} as RgbaImage);
  if (!Number.isInteger(iw) || !Number.isInteger(ih) || iw <= 0 || ih <= 0 || data?.length !== iw * ih * 4) {
    throw new ModelError(
      "BAD_OPTION",
      `imageToInput: image must be RGBA with width * height * 4 values, got ${iw}x${ih} and ${data?.length} values`,
    );
  }
  const { height: h, width: w, channels } = shape;
  const planes = inkPlanes(image, channels, options);
  if (fit === "center-digit") {
    if (channels !== 1 || h !== 28 || w !== 28) {
      throw new ModelError(
        "BAD_OPTION",
        `imageToInput: fit "center-digit" makes 28x28 grey inputs; this model takes ${w}x${h}x${channels}`,
      );
    }
    const digit = preprocessDigit(
      { pixels: planes[0]!, width: iw, height: ih },
      { mean: shape.mean[0]!, std: shape.std[0]! },
    );
    if (!digit) {
      throw new ModelError(
        "IMAGE_BLANK",
        `no ink found in the ${iw}x${ih} image${options.invert ? "" : " (dark ink on a light or transparent background needs invert)"}`,
      );
    }
    return digit.input;
  }
  if ((iw !== w || ih !== h) && fit === "exact") {
    throw new ModelError("IMAGE_SIZE_MISMATCH", `the image is ${iw}x${ih} but the model takes ${w}x${h}`);
  }
  const out = new Float32Array(h * w * channels);
  for (let c = 0; c < channels; c++) {
    const plane =
      iw === w && ih === h
        ? planes[c]!
        : resampleArea(planes[c]!, iw, { x: 0, y: 0, width: iw, height: ih }, w, h);
    const mean = shape.mean[c]!;
    const std = shape.std[c]!;
    for (let i = 0; i < h * w; i++) out[c * h * w + i] = (plane[i]! - mean) / std;
  }
  return out;
}
