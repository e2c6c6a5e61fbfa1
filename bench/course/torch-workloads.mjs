import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { MNIST_NORM, cifar10, mnist } from "./data.mjs";
import { datasets, models, training } from "./packages.mjs";

const SEED = 1;

/** The course's `train_val_model` with its log lines indented under the workload. */
function fit(model, optimizer, train, val, epochs, logInterval, log) {
  return training.trainValModel(model, {
    optimizer,
    train,
    val,
    epochs,
    logInterval,
    log: (line) => log(line ? `  ${line}` : ""),
  });
}

async function mnistLoaders(batchSize, valBatchSize) {
  const { train, test } = await mnist();
  return {
    train: new datasets.BatchLoader(train, { batchSize, shuffle: true, seed: SEED, normalize: MNIST_NORM }),
    val: new datasets.BatchLoader(test, { batchSize: valBatchSize, normalize: MNIST_NORM }),
  };
}

/**
 * TwoLayerMLP(784, 50, 10), SGD lr 0.01 momentum 0.5: one epoch, saved; then reloaded into a
 * fresh model with a fresh optimizer (as the course does) for ten more epochs.
 */
export async function twoLayerMlp(log) {
  const { train, val } = await mnistLoaders(64, 10000);
  const model = models.createModel({ kind: "two-layer", dIn: 784, dHidden: 50, dOut: 10 }, SEED);
  const sgd = (m) => new training.SGD(m.namedParameters(), { lr: 0.01, momentum: 0.5 });
  const first = await fit(model, sgd(model), train, val, 1, 1, log);
  const dir = await mkdtemp(join(tmpdir(), "bench-course-"));
  try {
    const path = join(dir, "mod-TwoLayerMLP");
    await training.saveCheckpoint(path, { model: model.stateDict() });
    const reloaded = new models.TwoLayerMLP(784, 50, 10);
    reloaded.loadStateDict((await training.loadCheckpoint(path)).model);
    const more = await fit(reloaded, sgd(reloaded), train, val, 10, 2, log);
    return [
      { label: "1 epoch", course: 0.9121, ours: first.history.bestValAccuracy, scale: 100 },
      { label: "+10 from checkpoint", course: 0.9232, ours: more.history.bestValAccuracy, scale: 100 },
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const BIG = [784, 512, 256, 128, 64, 10];

/** MLP([784, 512, 256, 128, 64, 10]), SGD lr 0.01 momentum 0.5, 10 epochs, best val. */
export async function bigMlp(log) {
  const { train, val } = await mnistLoaders(64, 10000);
  const model = models.createModel({ kind: "mlp", layers: BIG }, SEED);
  const optimizer = new training.SGD(model.namedParameters(), { lr: 0.01, momentum: 0.5 });
  const { history } = await fit(model, optimizer, train, val, 10, 2, log);
  return [{ label: "best val", course: 0.9768, ours: history.bestValAccuracy, scale: 100 }];
}

/** The course's 10 mini-batches of 16: a stratified 160-sample subset, val batches of 1000. */
async function subsetLoaders() {
  const { train, test } = await mnist();
  const indices = datasets.stratifiedSubset(train.labels, 16, SEED);
  return {
    train: new datasets.BatchLoader(train, {
      batchSize: 16,
      shuffle: true,
      seed: SEED,
      normalize: MNIST_NORM,
      indices,
    }),
    val: new datasets.BatchLoader(test, { batchSize: 1000, normalize: MNIST_NORM }),
  };
}

/** The big MLP on 160 samples, 100 epochs, SGD lr 0.01 momentum 0.5. */
export async function subsetSgd(log) {
  const { train, val } = await subsetLoaders();
  const model = models.createModel({ kind: "mlp", layers: BIG }, SEED);
  const optimizer = new training.SGD(model.namedParameters(), { lr: 0.01, momentum: 0.5 });
  const { history } = await fit(model, optimizer, train, val, 100, 20, log);
  return [{ label: "best val", course: 0.7708, ours: history.bestValAccuracy, scale: 100, tolerance: 3 }];
}

/** The big MLP on 160 samples, 100 epochs, Adam lr 1e-3. */
export async function subsetAdam(log) {
  const { train, val } = await subsetLoaders();
  const model = models.createModel({ kind: "mlp", layers: BIG }, SEED);
  const optimizer = new training.Adam(model.namedParameters(), { lr: 1e-3 });
  const { history } = await fit(model, optimizer, train, val, 100, 20, log);
  return [{ label: "best val", course: 0.7835, ours: history.bestValAccuracy, scale: 100, tolerance: 3 }];
}

/**
 * The course's CIFAR-10 MLP [3072, 512, 256, 128, 64, 10], Adam 1e-3, batch 100, pad-4 random
 * crop and horizontal flip; the course crashed before printing a figure.
 */
export function cifarMlp({ dataDir, epochs }) {
  return async (log) => {
    const data = await cifar10(dataDir);
    if (!data.train) {
      log(`  skipped: no CIFAR-10 found (${data.reason}); pass --data-dir <dir> or set MLP_DATA_DIR`);
      return { skipped: "no CIFAR-10 found (pass --data-dir or set MLP_DATA_DIR; reason above)" };
    }
    log(`  ${data.train.count} training and ${data.test.count} test images from ${data.train.source}`);
    const train = new datasets.BatchLoader(data.train, {
      batchSize: 100,
      shuffle: true,
      seed: SEED,
      augment: true,
    });
    const val = new datasets.BatchLoader(data.test, { batchSize: 100 });
    const model = models.createModel({ kind: "mlp", layers: [3072, 512, 256, 128, 64, 10] }, SEED);
    const optimizer = new training.Adam(model.namedParameters(), { lr: 1e-3 });
    const { history } = await fit(model, optimizer, train, val, epochs, 10, log);
    return [
      { label: `best val, ${epochs} epochs`, course: undefined, ours: history.bestValAccuracy, scale: 100 },
    ];
  };
}
