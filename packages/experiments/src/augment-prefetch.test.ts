import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { PrefetchingLoader } from "@mlp-lab/datasets/node";
import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { ExperimentEvent } from "./events.js";
import type { ExperimentConfigInput } from "./experiment-config.js";
import { runExperiment } from "./index.js";

// `mlp train --dataset cifar10 --augment` goes through runExperiment: there the augmented batches are
// written on the prefetch worker (@mlp-lab/datasets/node). The worker must change nothing but the time:
// same seed, same losses, bit for bit, as writing them inline (MLP_PREFETCH=0).

/** A CIFAR-10 binary folder (official layout) of `perFile` records per batch file, seeded. */
function cifarFolder(perFile: number): string {
  const dir = mkdtempSync(join(tmpdir(), "mlp-cifar-prefetch-"));
  const rng = new Generator(5);
  for (const name of [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`).concat("test_batch.bin")) {
    const bytes = new Uint8Array(perFile * 3073);
    for (let r = 0; r < perFile; r++) {
      const label = r % 10;
      bytes[r * 3073] = label;
      // Class-dependent brightness plus noise: learnable, so the losses move.
      for (let p = 1; p < 3073; p++) bytes[r * 3073 + p] = Math.min(255, label * 20 + rng.int(80));
    }
    writeFileSync(join(dir, name), bytes);
  }
  return dir;
}

interface Line {
  epoch: number;
  phase: string;
  loss: number;
  accuracy: number;
}

// Watch the wrapping, so the test fails if the session stops using the worker.
const wrapped = vi.hoisted(() => [] as Array<PrefetchingLoader["mode"]>);
vi.mock("@mlp-lab/datasets/node", async (importOriginal) => {
  const real = await importOriginal<typeof import("@mlp-lab/datasets/node")>();
  return {
    ...real,
    prefetchBatches: (...args: Parameters<typeof real.prefetchBatches>) => {
      const loader = real.prefetchBatches(...args);
      wrapped.push(loader.mode);
      return loader;
    },
  };
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("CIFAR-10 with augmentation through runExperiment", () => {
  const dir = cifarFolder(40);
  const config: ExperimentConfigInput = {
    dataset: "cifar10",
    data: { dir, download: false, augment: true, valLimit: 40 },
    model: { kind: "mlp", layers: [32, 16] },
    optimizer: { name: "adam", learningRate: 0.001 },
    batchSize: 20,
    valBatchSize: 40,
    epochs: 3,
    seed: 3,
    backend: "wasm",
    logInterval: 10,
  };

  async function train(prefetch: boolean): Promise<{ lines: Line[]; warnings: string[]; tensors: number[] }> {
    vi.stubEnv("MLP_PREFETCH", prefetch ? "1" : "0");
    const runsDir = mkdtempSync(join(tmpdir(), "mlp-cifar-runs-"));
    const warnings: string[] = [];
    const tensors: number[] = [];
    const onEvent = (e: ExperimentEvent) => {
      if (e.type === "warning") warnings.push(e.message);
      if (e.type === "epoch-end") tensors.push(tf.memory().numTensors);
    };
    const result = await runExperiment(config, { runsDir, onEvent });
    expect(result.status).toBe("completed");
    const lines = readFileSync(join(result.runDir, "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as Line);
    return { lines, warnings, tensors };
  }

  it("gives the same losses, to the last bit, with the prefetch worker as inline, with flat tensor counts", async () => {
    const inline = await train(false);
    expect(wrapped).toHaveLength(0);
    const prefetched = await train(true);
    expect(wrapped).toEqual(["worker"]);
    expect(prefetched.warnings).toEqual([]);
    expect(inline.lines).toHaveLength(6);
    expect(prefetched.lines.map((l) => [l.epoch, l.phase, l.loss, l.accuracy])).toEqual(
      inline.lines.map((l) => [l.epoch, l.phase, l.loss, l.accuracy]),
    );
    // The augmented epochs differ from one another (new crops each epoch) and training moves.
    const trainLosses = inline.lines.filter((l) => l.phase === "train").map((l) => l.loss);
    expect(new Set(trainLosses).size).toBe(3);
    expect(new Set(prefetched.tensors).size).toBe(1);
  });
});
