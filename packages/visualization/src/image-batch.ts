import { VisualizationError } from "./errors.js";
import type { ImageInput } from "./image-tile.js";

/** Several same-sized images in one flat array, [count, height, width, channels] row-major. */
export interface ImageBatch {
  /** count * height * width * channels values. */
  pixels: ArrayLike<number>;
  /** Width of each image in pixels. */
  width: number;
  /** Height of each image in pixels. */
  height: number;
  /** 1 for grayscale (MNIST, Fashion-MNIST), 3 for RGB (CIFAR-10). Defaults to 1. */
  channels?: 1 | 3;
}

/** Number of images in a batch; throws when the array is not a whole number of images. */
export function batchSize(batch: ImageBatch): number {
  const per = batch.width * batch.height * (batch.channels ?? 1);
  if (!(per > 0) || batch.pixels.length % per !== 0) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `${batch.pixels.length} values are not a whole number of ${batch.width}x${batch.height}x${batch.channels ?? 1} images`,
    );
  }
  return batch.pixels.length / per;
}

/** Image `index` of a batch, without copying when the batch is a typed array. */
export function imageAt(batch: ImageBatch, index: number): ImageInput {
  const channels = batch.channels ?? 1;
  const per = batch.width * batch.height * channels;
  const start = index * per;
  const source = batch.pixels;
  const pixels = ArrayBuffer.isView(source)
    ? (source as unknown as Float32Array).subarray(start, start + per)
    : Array.prototype.slice.call(source, start, start + per);
  return { pixels, width: batch.width, height: batch.height, channels };
}
