import { datasets } from "./packages.mjs";

/** MNIST's mean and std, the course's `transforms.Normalize((0.1307,), (0.3081,))`. */
export const MNIST_NORM = { mean: [0.1307], std: [0.3081] };

let cache;

/** Both MNIST splits as byte image sets (loaded once). */
export async function mnist() {
  cache ??= {
    train: await datasets.loadImageSet("mnist", "train"),
    test: await datasets.loadImageSet("mnist", "test"),
  };
  return cache;
}

/** An image set's pixels as a samples × features byte matrix, the course's `X.reshape(n, -1)`. */
export function pixelMatrix(set) {
  return { data: set.images, rows: set.count, cols: set.height * set.width * set.channels };
}

/**
 * CIFAR-10 from `dataDir`, `MLP_DATA_DIR` or the cache, never downloaded (170 MB); undefined
 * with the reason when no copy is found.
 */
export async function cifar10(dataDir) {
  const options = { download: false, ...(dataDir ? { dataDir } : {}) };
  try {
    return {
      train: await datasets.loadImageSet("cifar10", "train", options),
      test: await datasets.loadImageSet("cifar10", "test", options),
    };
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    return {
      reason: text
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .join("; "),
    };
  }
}
