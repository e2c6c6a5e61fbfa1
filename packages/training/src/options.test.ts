import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useBackend } from "@mlp-lab/backend";
import { MLP } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  Adam,
  AdamW,
  EarlyStopping,
  RMSprop,
  ReduceLROnPlateau,
  SGD,
  TrainingError,
  clipGradNorm,
  createOptimizer,
  createScheduler,
  decodeCheckpoint,
  encodeCheckpoint,
  trainValModel,
} from "./index.js";
import { loadCheckpoint, saveCheckpoint } from "./node/index.js";

// Every public entry point that takes options rejects a bad one at the boundary, with a
// TrainingError (BAD_OPTION) naming the function and the field, never a TypeError inside.

let dir: string;
let model: MLP;
beforeAll(async () => {
  await useBackend("cpu");
  dir = await mkdtemp(join(tmpdir(), "mlp-options-"));
  model = new MLP([4, 3]);
});
afterAll(async () => {
  model.dispose();
  await rm(dir, { recursive: true, force: true });
});

async function rejects(call: () => unknown, message: string): Promise<void> {
  let thrown: unknown;
  try {
    await call();
  } catch (error) {
    thrown = error;
  }
  expect(thrown, message).toBeInstanceOf(TrainingError);
  expect((thrown as TrainingError).code).toBe("BAD_OPTION");
  expect((thrown as Error).message).toContain(message);
}

const source = {
  numSamples: 2,
  *[Symbol.iterator]() {
    yield { x: new Float32Array(8), y: Int32Array.from([0, 1]), size: 2 };
  },
};

describe("options validated at the boundary", () => {
  it("saveCheckpoint requires the trainer state and a folder", async () => {
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1 });
    await rejects(
      () => saveCheckpoint(join(dir, "c"), { model: model.stateDict(), optimizer: optimizer.stateDict() }),
      "saveCheckpoint: options.trainer is required",
    );
    await rejects(
      () => saveCheckpoint("", { model: model.stateDict() }),
      "saveCheckpoint: dir must be a non-empty string",
    );
    await rejects(
      () => saveCheckpoint(join(dir, "c"), undefined as never),
      "saveCheckpoint: options is required",
    );
    await rejects(
      () =>
        saveCheckpoint(join(dir, "c"), {
          model: { w: { shape: [2], data: [1, 2] as never } },
          trainer: { version: 1, epoch: 0, modelConfig: { kind: "mlp", layers: [4, 3] }, savedAt: "x" },
        }),
      'saveCheckpoint: options.model["w"].data must be a Float32Array',
    );
    await rejects(() => loadCheckpoint(undefined as never), "loadCheckpoint: path is required");
  });

  it("encodeCheckpoint and decodeCheckpoint check their arguments", async () => {
    await rejects(() => encodeCheckpoint({} as never), "encodeCheckpoint: checkpoint.model is required");
    await rejects(
      () => decodeCheckpoint({ model: "bytes" } as never),
      "decodeCheckpoint: bytes.model must be a Uint8Array",
    );
  });

  it("trainValModel names the option", async () => {
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1 });
    const base = { optimizer, train: source, epochs: 1, logInterval: null };
    await rejects(() => trainValModel(model, undefined as never), "trainValModel: options is required");
    await rejects(
      () => trainValModel(model, { ...base, epochs: undefined } as never),
      "trainValModel: options.epochs is required",
    );
    await rejects(
      () => trainValModel(model, { ...base, epochs: 1.5 }),
      "trainValModel: options.epochs must be an integer, got 1.5",
    );
    await rejects(
      () => trainValModel(model, { ...base, optimizer: {} as never }),
      "trainValModel: options.optimizer must be an Optimizer",
    );
    await rejects(
      () => trainValModel(model, { ...base, train: { numSamples: 2 } as never }),
      "trainValModel: options.train must be a BatchSource",
    );
    await rejects(
      () => trainValModel(model, { ...base, fused: 1 as never }),
      "trainValModel: options.fused must be a boolean, got 1",
    );
    await rejects(
      () => trainValModel(model, { ...base, callbacks: { onEpochEnd: 3 } as never }),
      "trainValModel: options.callbacks.onEpochEnd must be a function, got 3",
    );
    await rejects(
      () => trainValModel(model, { ...base, logInterval: -1 }),
      "trainValModel: options.logInterval must be >= 0, got -1",
    );
    await rejects(
      () => trainValModel(model, { ...base, earlyStopping: { patience: -1 } }),
      "patience must be a non-negative integer, got -1",
    );
    const before = tf.memory().numTensors;
    await rejects(
      () => trainValModel(model, { ...base, signal: {} as never }),
      "trainValModel: options.signal must be an AbortSignal",
    );
    expect(tf.memory().numTensors).toBe(before);
  });

  it("optimizers name the option, unknown ones included", async () => {
    const params = model.namedParameters();
    await rejects(() => new SGD(params, undefined as never), "SGD: options is required");
    await rejects(() => new SGD(params, { momentum: 0.9 } as never), "SGD: options.lr is required");
    await rejects(
      () => new SGD(params, { lr: 0.1, momentun: 0.9 } as never),
      "SGD: unknown option options.momentun",
    );
    await rejects(
      () => new SGD(params, { lr: 0.1, nesterov: "yes" } as never),
      'SGD: options.nesterov must be a boolean, got "yes"',
    );
    await rejects(
      () => new Adam(params, { lr: "0.1" } as never),
      'Adam: options.lr must be a number, got "0.1"',
    );
    await rejects(
      () => new AdamW(params, { lr: 0.1, beta: 0.9 } as never),
      "AdamW: unknown option options.beta",
    );
    await rejects(
      () => new RMSprop(params, { lr: 0.1, centered: 1 } as never),
      "RMSprop: options.centered must be a boolean, got 1",
    );
    await rejects(
      () => createOptimizer(null as never, params),
      "createOptimizer: config must be an object, got null",
    );
    await rejects(
      () => createOptimizer({ kind: "sgd", options: { lr: 0.1 } }, undefined as never),
      "createOptimizer: namedParams must be",
    );
  });

  it("schedulers and early stopping name the option", async () => {
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1 });
    await rejects(
      () => createScheduler(undefined as never, optimizer),
      "createScheduler: config is required",
    );
    await rejects(
      () => createScheduler({ kind: "step" } as never, optimizer),
      "createScheduler: config.stepSize is required",
    );
    await rejects(
      () => createScheduler({ kind: "cosine", tMax: 10, eta: 0 } as never, optimizer),
      "createScheduler: unknown option config.eta",
    );
    await rejects(
      () => createScheduler({ kind: "exponential", gamma: 0.9 }, undefined as never),
      "createScheduler: optimizer must be an Optimizer",
    );
    await rejects(
      () => new ReduceLROnPlateau(optimizer, { monitor: "val_acc" } as never),
      "ReduceLROnPlateau: options.monitor must be one of",
    );
    await rejects(
      () => new EarlyStopping({ mode: "up" } as never),
      "EarlyStopping: options.mode must be one of min, max",
    );
    await rejects(() => clipGradNorm({}, 0), "clipGradNorm: maxNorm must be a positive number, got 0");
  });
});
