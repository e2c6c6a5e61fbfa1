// Loader throughput, the loader alone (no training): `pnpm bench` after `pnpm build`.
// Prints samples/s for one epoch, median of several runs, so it can be compared with a training step.
import { Generator } from "@mlp-lab/random";
import { BatchLoader, DATASETS, loadImageSet } from "../dist/index.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Time full epochs of a loader; returns the median seconds per epoch. */
function timeEpochs(loader) {
  const times = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    let n = 0;
    for (const batch of loader) n += batch.size;
    times.push((performance.now() - t0) / 1000);
    if (n !== loader.numSamples) throw new Error(`epoch yielded ${n} samples, expected ${loader.numSamples}`);
  }
  return median(times);
}

function randomCifarLike(count) {
  const rng = new Generator(1);
  const images = new Uint8Array(count * 32 * 32 * 3);
  for (let i = 0; i < images.length; i++) images[i] = rng.nextUint32() & 255;
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) labels[i] = rng.int(10);
  const { classNames } = DATASETS.cifar10;
  return {
    name: "cifar-like",
    split: "train",
    images,
    labels,
    count,
    height: 32,
    width: 32,
    channels: 3,
    classNames,
    source: "random",
  };
}

const rows = [];
function row(name, loader) {
  const seconds = timeEpochs(loader);
  rows.push({
    case: name,
    samples: loader.numSamples,
    batch: loader.batchSize,
    "ms/epoch": (seconds * 1000).toFixed(1),
    "samples/s": Math.round(loader.numSamples / seconds).toLocaleString("en-US"),
  });
}

const t0 = performance.now();
const mnist = await loadImageSet("mnist", "train", { download: false });
const loadMs = performance.now() - t0;
const norm = DATASETS.mnist;
row(
  "MNIST train, batch 64, shuffled, normalised",
  new BatchLoader(mnist, { batchSize: 64, shuffle: true, seed: 1, normalize: norm }),
);
row(
  "MNIST train, batch 64, in order, normalised",
  new BatchLoader(mnist, { batchSize: 64, normalize: norm }),
);
row(
  "MNIST val, batch 10000, normalised",
  new BatchLoader(await loadImageSet("mnist", "test", { download: false }), {
    batchSize: 10000,
    normalize: norm,
  }),
);
const cifar = randomCifarLike(50000);
const cnorm = DATASETS.cifar10;
row(
  "CIFAR-like 50000, batch 100, CHW, normalised",
  new BatchLoader(cifar, { batchSize: 100, shuffle: true, normalize: cnorm }),
);
row(
  "CIFAR-like 50000, batch 100, CHW, pad 4 + crop + flip",
  new BatchLoader(cifar, { batchSize: 100, shuffle: true, normalize: cnorm, augment: true }),
);

console.log(`@mlp-lab/datasets loader bench (node ${process.version}, median of ${RUNS} epochs)`);
console.log(`MNIST train load (${mnist.source}): ${loadMs.toFixed(0)} ms`);
console.table(rows);
