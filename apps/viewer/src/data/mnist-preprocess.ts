// The Try-it page's preprocessing is @mlp-lab/models/image's, the one `mlp predict` uses too.
import { type GrayImage, inkFromRgba as inkOf } from "@mlp-lab/models/image";

export { type GrayImage, MNIST_MEAN, MNIST_STD, inkBounds, preprocessDigit } from "@mlp-lab/models/image";

/** Ink of an RGBA canvas drawn light on dark (transparent pixels are background). */
export function inkFromRgba(rgba: ArrayLike<number>, width: number, height: number): GrayImage {
  return inkOf({ data: rgba, width, height });
}
