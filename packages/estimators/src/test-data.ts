// Test helper: a small real MNIST subset as raw pixel matrices.
import { loadImageSet, stratifiedSubset, subsetImageSet } from "@mlp-lab/datasets";
import type { Matrix } from "./matrix.js";

/** `perClass` training images per digit and the first `testCount` test images. */
export async function mnistMatrices(perClass: number, testCount: number, seed = 1) {
  const train = await loadImageSet("mnist", "train");
  const test = await loadImageSet("mnist", "test");
  const sub = subsetImageSet(train, stratifiedSubset(train.labels, perClass, seed));
  const xTrain: Matrix = { data: sub.images, rows: sub.count, cols: 784 };
  const xTest: Matrix = { data: test.images.subarray(0, testCount * 784), rows: testCount, cols: 784 };
  return { xTrain, yTrain: sub.labels, xTest, yTest: test.labels.subarray(0, testCount) };
}
