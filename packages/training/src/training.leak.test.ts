import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
// Tensor and memory leaks (issue #14): 50 epochs of a small run on each available backend keep
// tf.memory().numTensors flat and the process RSS within 5% of its size after warm-up.
import { useBackend } from "@mlp-lab/backend";
import { BatchLoader, type ImageSet } from "@mlp-lab/datasets";
import { createModel } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import { createOptimizer, trainValModel } from "./index.js";

// A full collection before each RSS sample, so garbage not yet collected is not taken for a leak.
setFlagsFromString("--expose-gc");
const gc = runInNewContext("gc") as (options?: object) => void;

/**
 * Epochs before measuring. Optimizer state, kernels and wasm memory are allocated in the first epochs,
 * and V8 grows its young generation once (a one-time RSS step of about 16 MB, seen around epoch 35 on the
 * JS backend, after which RSS creeps by under 2% over 160 more epochs). Then 50 epochs are measured.
 */
const WARMUP = Number(process.env.LEAK_WARMUP ?? 45);
const EPOCHS = WARMUP + Number(process.env.LEAK_EPOCHS ?? 50);

/** 8x8 grey images, class k lighting every tenth pixel from k: small, so even the JS backend is quick. */
const SIDE = 8;
function syntheticSet(count: number, seed: number): ImageSet {
  const features = SIDE * SIDE;
  const images = new Uint8Array(count * features);
  const labels = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    labels[i] = (i * 7 + seed) % 10;
    for (let j = 0; j < features; j++) {
      images[i * features + j] = j % 10 === labels[i] ? 220 : (i * 31 + j * seed) % 64;
    }
  }
  const classNames = "0123456789".split("");
  return {
    name: "synthetic",
    split: "train",
    images,
    labels,
    count,
    height: SIDE,
    width: SIDE,
    channels: 1,
    classNames,
    source: "memory",
  };
}

async function available(name: string): Promise<string | undefined> {
  try {
    await useBackend(name);
    return undefined;
  } catch (error) {
    return (error as Error).message.split("\n")[0];
  }
}

const BACKENDS = ["cpu", "wasm", "native"] as const;
const skipped: Record<string, string | undefined> = {};
for (const name of BACKENDS) skipped[name] = await available(name);

describe("50 epochs (after warm-up) leak neither tensors nor memory", () => {
  for (const name of BACKENDS) {
    const reason = skipped[name];
    it.skipIf(reason !== undefined)(
      `on ${name}${reason ? ` (skipped: ${reason})` : ""}`,
      async () => {
        await useBackend(name);
        const normalize = { mean: [0.1307], std: [0.3081] };
        const train = new BatchLoader(syntheticSet(96, 1), {
          batchSize: 32,
          shuffle: true,
          seed: 1,
          normalize,
        });
        const val = new BatchLoader(syntheticSet(32, 2), { batchSize: 32, normalize });
        const model = createModel({ kind: "mlp", layers: [SIDE * SIDE, 32, 10], activation: "relu" }, 1);
        const optimizer = createOptimizer({ kind: "adam", options: { lr: 1e-3 } }, model.namedParameters());
        const tensors: number[] = [];
        const rss: number[] = [];
        const before = tf.memory().numTensors;
        const { history } = await trainValModel(model, {
          optimizer,
          train,
          val,
          epochs: EPOCHS,
          logInterval: null,
          callbacks: {
            onEpochEnd: () => {
              tensors.push(tf.memory().numTensors);
              gc({ type: "major", execution: "sync", flavor: "last-resort" });
              rss.push(process.memoryUsage().rss);
              return undefined;
            },
          },
        });
        expect(history.epochs).toHaveLength(EPOCHS);
        // Flat: the same count after every epoch once warm (weights, optimizer state, best weights).
        const warm = tensors.slice(WARMUP - 1);
        expect(new Set(warm), `numTensors per epoch on ${name}: ${tensors.join(",")}`).toEqual(
          new Set([warm[0]]),
        );
        const growth = rss[EPOCHS - 1]! / rss[WARMUP - 1]! - 1;
        expect(growth, `RSS ${rss[WARMUP - 1]} -> ${rss[EPOCHS - 1]} bytes on ${name}`).toBeLessThan(0.05);
        console.log(
          `${name}: numTensors ${before} before, ${warm[0]} from epoch ${WARMUP} to ${EPOCHS}; RSS ${(rss[WARMUP - 1]! / 2 ** 20).toFixed(1)} -> ${(rss[EPOCHS - 1]! / 2 ** 20).toFixed(1)} MiB (${(growth * 100).toFixed(2)}%)`,
        );
        model.dispose();
        optimizer.dispose();
      },
      300_000,
    );
  }
});
