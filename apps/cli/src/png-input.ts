import { readFile } from "node:fs/promises";
import { ModelError } from "@mlp-lab/models";
import { type ImageFit, type ImageInputShape, type RgbaImage, imageToInput } from "@mlp-lab/models/image";
import { PNG } from "pngjs";
import { UsageError } from "./cli-error.js";

/** How to turn a PNG into a model input. */
export interface PngInputOptions {
  /** Resize to the model's input size instead of refusing another size. */
  resize?: boolean;
  /** MNIST's own preparation (ink box scaled to 20 px, centred by mass in 28x28); any size. */
  center?: boolean;
  /** Invert the grey levels (dark ink on a light or transparent background, unlike MNIST). */
  invert?: boolean;
}

/** Largest image `mlp predict` decodes: 4096x4096 pixels (64 MiB as RGBA). */
export const MAX_PNG_PIXELS = 4096 * 4096;

/**
 * Decode PNG bytes (grey, grey+alpha, RGB, RGBA or palette, 1 to 16 bits per sample) to 8-bit RGBA.
 * pngjs expands palettes and grey, and scales 16-bit samples to 8 bits.
 */
export function decodePng(bytes: Uint8Array, path: string): RgbaImage {
  // The header's size is checked before decoding: a few hundred bytes can claim 30000x30000 pixels and
  // make the decoder allocate gigabytes (a decompression bomb).
  if (bytes.length >= 24 && String.fromCharCode(...bytes.subarray(12, 16)) === "IHDR") {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    if (width * height > MAX_PNG_PIXELS) {
      throw new UsageError(
        `${path}: the PNG claims ${width}x${height} pixels, over mlp predict's limit of ${MAX_PNG_PIXELS} (4096x4096); scale it down first`,
      );
    }
  }
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { data: png.data, width: png.width, height: png.height };
  } catch (error) {
    throw new UsageError(`${path}: not a PNG image (${(error as Error).message})`);
  }
}

/**
 * Read a PNG file into one normalised input row for a model whose input is `shape` (a data set's
 * size, channels and mean/std), with `@mlp-lab/models/image`'s preprocessing, the one the viewer's
 * Try-it page uses: transparent pixels are background (after `invert`), then the image is taken as
 * is, resized, or centred like MNIST.
 */
export async function pngToInput(
  path: string,
  shape: ImageInputShape,
  options: PngInputOptions = {},
): Promise<Float32Array> {
  const bytes = await readFile(path).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${path}: cannot read it (${error.code ?? error.message})`);
  });
  const image = decodePng(bytes, path);
  const fit: ImageFit = options.center ? "center-digit" : options.resize ? "resize" : "exact";
  try {
    return imageToInput(image, shape, { fit, invert: options.invert ?? false });
  } catch (error) {
    if (!(error instanceof ModelError)) throw error;
    if (error.code === "IMAGE_SIZE_MISMATCH") {
      throw new UsageError(
        `${path} is ${image.width}x${image.height} but the model takes ${shape.width}x${shape.height}; pass --resize to scale it (or --center for a digit)`,
      );
    }
    if (error.code === "IMAGE_BLANK") {
      throw new UsageError(`${path}: ${error.message.replace("needs invert", "needs --invert")}`);
    }
    throw new UsageError(`${path}: ${error.message.replace(/^imageToInput: /, "")}`);
  }
}
