import { useBackend } from "@mlp-lab/backend";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type EpochRecord, SGD, type SchedulerConfig, createScheduler } from "./index.js";

beforeAll(async () => {
  await useBackend("cpu");
});

function record(epoch: number, valLoss: number): EpochRecord {
  const phase = { loss: valLoss, accuracy: 0, samples: 1, seconds: 0 };
  return { epoch, train: phase, val: phase, lr: 0, numTensors: 0, rssBytes: 0 };
}

/** Learning rates of epochs 0..n-1 as the training loop would apply them. */
function rates(config: SchedulerConfig, lr: number, n: number, metrics: number[] = []): number[] {
  const optimizer = new SGD([["p", tf.variable(tf.scalar(0))]], { lr });
  const scheduler = createScheduler(config, optimizer);
  const out: number[] = [];
  for (let e = 0; e < n; e++) {
    out.push(optimizer.lr);
    scheduler.step(record(e, metrics[e] ?? 0));
  }
  return out;
}

function expectRates(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 10));
}

describe("schedulers give PyTorch's documented sequences", () => {
  it("StepLR(step_size=30, gamma=0.1): 0.05 for epochs < 30, 0.005 for 30..59, 0.0005 for 60..89", () => {
    const r = rates({ kind: "step", stepSize: 30, gamma: 0.1 }, 0.05, 90);
    expectRates([r[0]!, r[29]!, r[30]!, r[59]!, r[60]!, r[89]!], [0.05, 0.05, 0.005, 0.005, 0.0005, 0.0005]);
  });

  it("MultiStepLR(milestones=[30, 80], gamma=0.1): 0.05, then 0.005 from 30, 0.0005 from 80", () => {
    const r = rates({ kind: "multistep", milestones: [80, 30] }, 0.05, 100);
    expectRates([r[29]!, r[30]!, r[79]!, r[80]!, r[99]!], [0.05, 0.005, 0.005, 0.0005, 0.0005]);
  });

  it("ExponentialLR(gamma=0.5) halves every epoch", () => {
    expectRates(rates({ kind: "exponential", gamma: 0.5 }, 0.8, 4), [0.8, 0.4, 0.2, 0.1]);
  });

  it("CosineAnnealingLR(T_max=4, eta_min=0.01) follows ηmin + (η − ηmin)(1 + cos(πt/T))/2", () => {
    const base = 0.1;
    const expected = [0, 1, 2, 3, 4].map(
      (t) => 0.01 + ((base - 0.01) * (1 + Math.cos((Math.PI * t) / 4))) / 2,
    );
    expectRates(rates({ kind: "cosine", tMax: 4, etaMin: 0.01 }, base, 5), expected);
    expect(expected[4]).toBeCloseTo(0.01, 12);
  });

  it("LinearLR(start_factor=0.5, total_iters=4): 0.025, 0.03125, 0.0375, 0.04375, 0.05 (PyTorch's example)", () => {
    expectRates(
      rates({ kind: "linear", startFactor: 0.5, totalIters: 4 }, 0.05, 6),
      [0.025, 0.03125, 0.0375, 0.04375, 0.05, 0.05],
    );
  });

  it("warm-up then step decay (SequentialLR): the inner schedule counts from the warm-up's end", () => {
    const r = rates(
      { kind: "warmup", epochs: 2, startFactor: 0.5, after: { kind: "step", stepSize: 2, gamma: 0.1 } },
      1,
      7,
    );
    expectRates(r, [0.5, 0.75, 1, 1, 0.1, 0.1, 0.01]);
  });

  it("ReduceLROnPlateau(patience=2, factor=0.1) cuts the rate after three epochs without improvement", () => {
    const losses = [1, 0.9, 0.9, 0.9, 0.9, 0.95, 0.8, 0.8, 0.8, 0.8];
    const r = rates({ kind: "plateau", monitor: "val_loss", patience: 2, factor: 0.1 }, 1, 10, losses);
    // Epochs 2, 3, 4 are bad; after epoch 4's step the rate drops, applying from epoch 5.
    expectRates(r, [1, 1, 1, 1, 1, 0.1, 0.1, 0.1, 0.1, 0.1]);
    const r2 = rates({ kind: "plateau", monitor: "val_loss", patience: 2, factor: 0.1 }, 1, 11, [
      ...losses,
      0.8,
    ]);
    expect(r2[10]).toBeCloseTo(0.01, 12);
  });

  it("restores its state for an exact resume", () => {
    const optimizer = new SGD([["p", tf.variable(tf.scalar(0))]], { lr: 1 });
    const a = createScheduler({ kind: "cosine", tMax: 10 }, optimizer);
    for (let e = 0; e < 3; e++) a.step();
    const state = JSON.parse(JSON.stringify(a.stateDict()));
    const other = new SGD([["p", tf.variable(tf.scalar(0))]], { lr: 1 });
    const b = createScheduler({ kind: "cosine", tMax: 10 }, other);
    b.loadStateDict(state);
    a.step();
    b.step();
    expect(other.lr).toBe(optimizer.lr);
  });

  it("rejects unknown kinds by name", () => {
    const optimizer = new SGD([["p", tf.variable(tf.scalar(0))]], { lr: 1 });
    expect(() => createScheduler({ kind: "cyclic" } as never, optimizer)).toThrow(/unknown scheduler kind/);
    expect(() => createScheduler({ kind: "step", stepSize: 0 }, optimizer)).toThrow(
      /stepSize must be a positive integer/,
    );
  });
});
