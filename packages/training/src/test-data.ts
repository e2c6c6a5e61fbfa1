// Test helper: small real MNIST subsets, normalised like the course.
import {
  BatchLoader,
  type ImageSet,
  loadImageSet,
  stratifiedSubset,
  subsetImageSet,
} from "@mlp-lab/datasets";

const MNIST_NORM = { mean: [0.1307], std: [0.3081] };

/** `perClass` training images per digit and the first `valCount` test images, with loaders. */
export async function mnistSubset(perClass: number, valCount: number, seed = 1, batchSize = 32) {
  const train = await loadImageSet("mnist", "train");
  const test = await loadImageSet("mnist", "test");
  const trainSet: ImageSet = subsetImageSet(train, stratifiedSubset(train.labels, perClass, seed));
  const valSet: ImageSet = subsetImageSet(
    test,
    Int32Array.from({ length: valCount }, (_, i) => i),
  );
  return {
    train: new BatchLoader(trainSet, { batchSize, shuffle: true, seed, normalize: MNIST_NORM }),
    val: new BatchLoader(valSet, { batchSize: valCount, normalize: MNIST_NORM }),
  };
}
