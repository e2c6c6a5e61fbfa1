import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useBackend } from "@mlp-lab/backend";
import { MLP, TwoLayerMLP, createModel } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  type OptimizerConfig,
  SGD,
  TfjsStepper,
  TrainingError,
  type TrainingHistory,
  createOptimizer,
  createScheduler,
  trainValModel,
} from "./index.js";
import { loadCheckpoint, saveCheckpoint } from "./node/index.js";
import { mnistSubset } from "./test-data.js";

let dir: string;
beforeAll(async () => {
  await useBackend("wasm");
  dir = await mkdtemp(join(tmpdir(), "mlp-training-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("trainValModel on real MNIST", () => {
  it("learns: the course's TwoLayerMLP goes from chance to >80% val accuracy on 2000 images", async () => {
    const { train, val } = await mnistSubset(200, 1000);
    const model = new TwoLayerMLP(784, 50, 10);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.01, momentum: 0.5 });
    const lines: string[] = [];
    const { history } = await trainValModel(model, {
      optimizer,
      train,
      val,
      epochs: 3,
      log: (l) => lines.push(l),
    });
    expect(history.epochs).toHaveLength(3);
    expect(history.epochs[0]!.train.samples).toBe(2000);
    expect(history.bestValAccuracy).toBeGreaterThan(0.8);
    expect(history.epochs[2]!.train.loss).toBeLessThan(history.epochs[0]!.train.loss);
    expect(lines[0]).toBe("Epoch 0/2");
    expect(lines[2]).toMatch(/^train Loss: \d\.\d{4} Acc: \d+\.\d{2}%$/);
    expect(lines.at(-1)).toMatch(/^Best val Acc: \d+\.\d{2}%$/);
  });

  it("keeps the tensor count flat across epochs", async () => {
    const { train, val } = await mnistSubset(20, 200);
    const model = new MLP([784, 32, 16, 10]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.05, momentum: 0.9, nesterov: true });
    const { history } = await trainValModel(model, { optimizer, train, val, epochs: 4, logInterval: null });
    const counts = history.epochs.map((e) => e.numTensors);
    // The first epoch creates the momentum buffers; after it nothing may grow.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[1]).toBe(counts[0]);
  });

  it("restores the best-validation weights at the end", async () => {
    const { train, val } = await mnistSubset(10, 300);
    const model = new MLP([784, 16, 10]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.5 });
    const { history, bestState } = await trainValModel(model, {
      optimizer,
      train,
      val,
      epochs: 5,
      logInterval: null,
    });
    const best = history.epochs[history.bestEpoch]!;
    expect(best.val!.accuracy).toBe(history.bestValAccuracy);
    expect(model.stateDict()["linears.0.weight"]!.data).toEqual(bestState!["linears.0.weight"]!.data);
  });

  it("stops on a non-finite loss, naming the epoch and step", async () => {
    const { train } = await mnistSubset(10, 10);
    const attempt = () => {
      const model = new MLP([784, 16, 10]);
      const optimizer = new SGD(model.namedParameters(), { lr: 1e30 });
      return trainValModel(model, { optimizer, train, epochs: 3, logInterval: null });
    };
    await expect(attempt()).rejects.toBeInstanceOf(TrainingError);
    await expect(attempt()).rejects.toThrow(/loss became (NaN|Infinity) at epoch 0, step \d+/);
  });
});

describe("interruption", () => {
  it("stops at the next batch on abort, records no partial epoch and prints no completion lines", async () => {
    const { train, val } = await mnistSubset(20, 100);
    const model = new MLP([784, 16, 10]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.05 });
    const controller = new AbortController();
    const lines: string[] = [];
    const result = await trainValModel(model, {
      optimizer,
      train,
      val,
      epochs: 5,
      log: (l) => lines.push(l),
      signal: controller.signal,
      callbacks: {
        onBatchEnd: ({ epoch, step }) => {
          if (epoch === 1 && step === 2) controller.abort();
        },
      },
    });
    expect(result.stoppedBy).toBe("signal");
    expect(result.history.epochs).toHaveLength(1);
    expect(lines.some((l) => l.startsWith("Training complete") || l.startsWith("Best val Acc"))).toBe(false);
  });
});

describe("checkpoints", () => {
  it("round-trips weights and gives identical predictions", async () => {
    const model = createModel({ kind: "two-layer", dIn: 784, dHidden: 50, dOut: 10 }, 4);
    const path = join(dir, "ckpt-roundtrip");
    await saveCheckpoint(path, {
      model: model.stateDict(),
      trainer: {
        version: 1,
        epoch: 1,
        modelConfig: { kind: "two-layer", dIn: 784, dHidden: 50, dOut: 10 },
        savedAt: new Date().toISOString(),
      },
    });
    const loaded = await loadCheckpoint(path);
    const other = createModel(loaded.trainer!.modelConfig, 99);
    other.loadStateDict(loaded.model);
    const x = tf.randomNormal([5, 784], 0, 1, "float32", 3);
    expect(Array.from(other.forward(x).dataSync())).toEqual(Array.from(model.forward(x).dataSync()));
    expect((await readdir(dir)).filter((f) => f.includes(".tmp-") || f.includes(".old-"))).toEqual([]);
  });

  const configs: OptimizerConfig[] = [
    { kind: "sgd", options: { lr: 0.05, momentum: 0.5 } },
    { kind: "adam", options: { lr: 1e-3 } },
  ];
  for (const optimizerConfig of configs) {
    it(`resumes exactly: 2 epochs then 1 resumed give the same losses as 3 in one go (cpu, ${optimizerConfig.kind})`, async () => {
      await useBackend("cpu");
      try {
        const run = async (epochs: number, from?: string) => {
          const { train, val } = await mnistSubset(8, 100, 7, 16);
          const config = { kind: "mlp" as const, layers: [784, 24, 10] };
          const model = createModel(config, 5);
          let optimizer = createOptimizer(optimizerConfig, model.namedParameters());
          const scheduler = () => createScheduler({ kind: "exponential", gamma: 0.9 }, optimizer);
          let sched = scheduler();
          let history: TrainingHistory | undefined;
          if (from) {
            const ckpt = await loadCheckpoint(from);
            model.loadStateDict(ckpt.model);
            optimizer = createOptimizer(ckpt.trainer!.optimizerConfig!, model.namedParameters());
            optimizer.loadStateDict(ckpt.optimizer!);
            sched = scheduler();
            sched.loadStateDict(ckpt.trainer!.schedulerState!);
            train.loadStateDict(ckpt.trainer!.loaderState as never);
            history = ckpt.trainer!.history;
          }
          const result = await trainValModel(model, {
            optimizer,
            train,
            val,
            epochs,
            logInterval: null,
            restoreBest: false,
            scheduler: sched,
            ...(history ? { history } : {}),
          });
          const path = join(dir, `ckpt-${optimizerConfig.kind}-${epochs}-${from ? "resumed" : "fresh"}`);
          await saveCheckpoint(path, {
            model: model.stateDict(),
            optimizer: optimizer.stateDict(),
            trainer: {
              version: 1,
              epoch: result.history.epochs.length,
              modelConfig: config,
              optimizerConfig: optimizer.getConfig(),
              schedulerState: sched.stateDict(),
              history: result.history,
              loaderState: train.stateDict(),
              savedAt: new Date().toISOString(),
            },
          });
          return { path, losses: result.history.epochs.map((e) => [e.train.loss, e.val!.loss, e.lr]) };
        };
        const straight = await run(3);
        const first = await run(2);
        const resumed = await run(1, first.path);
        expect(resumed.losses).toEqual(straight.losses);
      } finally {
        await useBackend("wasm");
      }
    });
  }

  it("releases its stepper and every tensor when a NaN loss fails the run", async () => {
    const { train, val } = await mnistSubset(4, 20);
    const before = tf.memory().numTensors;
    const dispose = vi.spyOn(TfjsStepper.prototype, "dispose");
    try {
      const model = new MLP([784, 16, 10]);
      const optimizer = new SGD(model.namedParameters(), { lr: 1e30, momentum: 0.9 });
      const attempt = trainValModel(model, { optimizer, train, val, epochs: 2, logInterval: null });
      await expect(attempt).rejects.toThrow(/loss became (NaN|Infinity) at epoch 0, step \d+/);
      expect(dispose).toHaveBeenCalledTimes(1);
      optimizer.dispose();
      model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      dispose.mockRestore();
    }
  });

  it("leaves the last good checkpoint intact when the loss becomes NaN", async () => {
    const { train } = await mnistSubset(4, 10);
    const model = new MLP([784, 16, 10]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.01 });
    const path = join(dir, "ckpt-nan");
    let saved: Float32Array | undefined;
    const attempt = trainValModel(model, {
      optimizer,
      train,
      epochs: 3,
      logInterval: null,
      callbacks: {
        async onEpochEnd(record) {
          await saveCheckpoint(path, {
            model: model.stateDict(),
            trainer: {
              version: 1,
              epoch: record.epoch + 1,
              modelConfig: { kind: "mlp", layers: [784, 16, 10] },
              savedAt: new Date().toISOString(),
            },
          });
          saved = Float32Array.from(model.stateDict()["linears.0.weight"]!.data);
          // Sabotage the next epoch: a huge rate makes the loss overflow.
          if (record.epoch === 0) optimizer.lr = 1e30;
          return undefined;
        },
      },
    });
    await expect(attempt).rejects.toThrow(/loss became (NaN|Infinity) at epoch 1, step \d+/);
    const ckpt = await loadCheckpoint(path);
    expect(ckpt.model["linears.0.weight"]!.data).toEqual(saved);
    expect(ckpt.model["linears.0.weight"]!.data.every(Number.isFinite)).toBe(true);
  });
});
