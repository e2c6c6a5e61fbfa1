// @mlp-lab/models/image: the one image preprocessing of mlp-lab (no Node built-ins, no tfjs),
// shared by `mlp predict` and the viewer's Try-it page.
export { MNIST_MEAN, MNIST_STD, inkBounds, preprocessDigit } from "./center-digit.js";
export {
  type ImageFit,
  type ImageInputOptions,
  type ImageInputShape,
  imageToInput,
} from "./image-input.js";
export { type GrayImage, type InkOptions, type RgbaImage, inkFromRgba, inkPlanes } from "./ink.js";
export { type Box, resampleArea } from "./resample.js";
