import { useBackend } from "@mlp-lab/backend";
import { type ModelConfig, createModel } from "@mlp-lab/models";
import { beforeAll, describe, expect, it } from "vitest";
import { type OptimizerConfig, createOptimizer, createScheduler, trainValModel } from "./index.js";
import { mnistSubset } from "./test-data.js";

beforeAll(async () => {
  await useBackend("wasm");
});

const CASES: Array<[string, ModelConfig, OptimizerConfig]> = [
  [
    "softmax regression with Adam",
    { kind: "softmax", dIn: 784, dOut: 10 },
    { kind: "adam", options: { lr: 1e-3 } },
  ],
  [
    "MLP with tanh and dropout, RMSprop",
    { kind: "mlp", layers: [784, 64, 10], activation: "tanh", dropout: 0.2 },
    { kind: "rmsprop", options: { lr: 1e-3 } },
  ],
  [
    "MLP with sigmoid, AdamW and gradient clipping",
    { kind: "mlp", layers: [784, 64, 10], activation: "sigmoid" },
    { kind: "adamw", options: { lr: 3e-3, maxGradNorm: 1 } },
  ],
];

describe("every model learns real MNIST (2000 images, 3 epochs, >80% on 1000 test images)", () => {
  for (const [name, modelConfig, optimizerConfig] of CASES) {
    it(name, async () => {
      const { train, val } = await mnistSubset(200, 1000);
      const model = createModel(modelConfig, 1);
      const optimizer = createOptimizer(optimizerConfig, model.namedParameters());
      const { history } = await trainValModel(model, {
        optimizer,
        scheduler: createScheduler({ kind: "warmup", epochs: 1, startFactor: 0.5 }, optimizer),
        train,
        val,
        epochs: 3,
        logInterval: null,
      });
      expect(history.bestValAccuracy).toBeGreaterThan(0.8);
      const lr = optimizerConfig.options.lr as number;
      // The one-epoch warm-up runs epoch 0 at half the rate.
      expect(history.epochs.map((e) => e.lr)).toEqual([lr * 0.5, lr, lr]);
    });
  }
});
