import { useBackend, useSwiftShader } from "@mlp-lab/backend";
import { MLP, type Module, TwoLayerMLP, createModel } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { TrainingBatch } from "./batch-source.js";
import { DeferredReadStepper, generalStepper, readsAsync } from "./deferred-read-stepper.js";
import { SGD, TrainingError, createOptimizer, trainValModel } from "./index.js";
import { TfjsStepper } from "./stepper.js";
import { mnistSubset } from "./test-data.js";

function batches(seed: number, count: number, size = 12, features = 20): TrainingBatch[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  return Array.from({ length: count }, () => ({
    x: Float32Array.from({ length: size * features }, () => next() * 2 - 1),
    y: Int32Array.from({ length: size }, () => Math.floor(next() * 4)),
    size,
  }));
}

const sgd = { kind: "sgd", options: { lr: 0.05, momentum: 0.5 } } as const;
const adam = { kind: "adam", options: { lr: 0.01 } } as const;

describe("DeferredReadStepper on the cpu backend", () => {
  it("gives the same losses, counts and weights as the plain stepper, blocking or awaited (SGD, Adam)", async () => {
    await useBackend("cpu");
    for (const config of [sgd, adam]) {
      const run = async (kind: "plain" | "sync" | "async") => {
        const model = createModel({ kind: "mlp", layers: [20, 16, 8, 4] }, 3);
        const optimizer = createOptimizer(config, model.namedParameters());
        const stepper =
          kind === "plain" ? new TfjsStepper(model, optimizer) : new DeferredReadStepper(model, optimizer);
        const results = [];
        for (const b of batches(7, 6)) {
          if (kind === "async" && readsAsync(stepper)) results.push(await stepper.trainStepAsync(b));
          else results.push(stepper.trainStep(b));
        }
        const evalBatch = batches(99, 1)[0]!;
        results.push(
          kind === "async" && readsAsync(stepper)
            ? await stepper.evalStepAsync(evalBatch)
            : stepper.evalStep(evalBatch),
        );
        const weights = model.stateDict()["linears.0.weight"]!.data;
        const state = optimizer.stateDict();
        model.dispose?.();
        return { results, weights, state };
      };
      const plain = await run("plain");
      for (const kind of ["sync", "async"] as const) {
        const deferred = await run(kind);
        expect(deferred.results).toEqual(plain.results);
        expect(deferred.weights).toEqual(plain.weights);
        expect(deferred.state.step).toBe(plain.state.step);
        expect(Object.keys(deferred.state.buffers).sort()).toEqual(Object.keys(plain.state.buffers).sort());
      }
      // Not a trivial pass: the losses moved and the counts are whole numbers.
      expect(plain.results[0]!.loss).not.toBe(plain.results[5]!.loss);
      for (const r of plain.results) expect(Number.isInteger(r.correct)).toBe(true);
    }
  });

  it("leaves no tensor behind per step, also when a step throws", async () => {
    await useBackend("cpu");
    const model = new MLP([20, 16, 4]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1, momentum: 0.9 });
    const stepper = new DeferredReadStepper(model, optimizer);
    await stepper.trainStepAsync(batches(1, 1)[0]!); // creates the momentum slots
    const before = tf.memory().numTensors;
    for (const b of batches(2, 4)) {
      await stepper.trainStepAsync(b);
      stepper.trainStep(b);
      await stepper.evalStepAsync(b);
    }
    await stepper.syncToModelAsync();
    expect(tf.memory().numTensors).toBe(before);
    const wrong: TrainingBatch = { x: new Float32Array(12 * 7), y: new Int32Array(12), size: 12 };
    expect(() => stepper.trainStep(wrong)).toThrow();
    await expect(stepper.trainStepAsync(wrong)).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it("is the general stepper only where reads are asynchronous", async () => {
    await useBackend("cpu");
    const model = new MLP([20, 4]);
    const stepper = generalStepper(model, new SGD(model.namedParameters(), { lr: 0.1 }));
    expect(stepper).toBeInstanceOf(TfjsStepper);
    expect(readsAsync(stepper)).toBe(false);
  });
});

// webgpu on SwiftShader (Chromium's CPU Vulkan driver): skipped, with the reason, where the
// webgpu package, the Vulkan loader or an ICD is missing.
const icd = useSwiftShader();
let webgpuMissing: string | undefined;
try {
  await useBackend("webgpu");
} catch (error) {
  webgpuMissing = (error as Error).message;
}
if (webgpuMissing) console.warn(`[skip] webgpu training tests: ${webgpuMissing}`);

async function trainMnist(backend: "cpu" | "webgpu", perClass: number, valCount: number, epochs: number) {
  await useBackend(backend);
  const { train, val } = await mnistSubset(perClass, valCount, 1, 64);
  const model: Module = new TwoLayerMLP(784, 50, 10);
  const optimizer = new SGD(model.namedParameters(), { lr: 0.05, momentum: 0.5 });
  const result = await trainValModel(model, { optimizer, train, val, epochs, log: () => {}, fused: false });
  return { ...result, weights: model.stateDict() };
}

// SwiftShader runs WebGPU on the CPU: about 0.3 s a step on an idle 2-core machine, several
// seconds when the machine is busy. 32 + 15 steps in all.
describe.skipIf(webgpuMissing !== undefined)(`webgpu (ICD ${icd ?? "from the environment"})`, () => {
  it("refuses gradient clipping, which would read the norm synchronously", async () => {
    await useBackend("webgpu");
    const model = new MLP([20, 4]);
    const optimizer = new SGD(model.namedParameters(), { lr: 0.1, maxGradNorm: 1 });
    expect(() => generalStepper(model, optimizer)).toThrow(TrainingError);
    expect(() => generalStepper(model, optimizer)).toThrow(/optimizer\.maxGradNorm: .*webgpu/);
  });

  it("trains the course's TwoLayerMLP one epoch on 2,000 MNIST images to the cpu's loss (1e-3) and >80% val accuracy", async () => {
    const cpu = (await trainMnist("cpu", 200, 500, 1)).history.epochs[0]!;
    const gpu = await trainMnist("webgpu", 200, 500, 1);
    const epoch = gpu.history.epochs[0]!;
    expect(tf.getBackend()).toBe("webgpu");
    expect(epoch.train.samples).toBe(2000);
    expect(Math.abs(epoch.train.loss - cpu.train.loss)).toBeLessThan(1e-3);
    expect(Math.abs(epoch.val!.loss - cpu.val!.loss)).toBeLessThan(1e-3);
    expect(epoch.val!.accuracy).toBeGreaterThan(0.8);
    expect(Math.abs(epoch.val!.accuracy - cpu.val!.accuracy)).toBeLessThanOrEqual(0.004);
    // The weights came back to the host after the epoch: checkpoints and the best state work.
    expect(gpu.bestState?.["linear1.weight"]?.data.length).toBe(784 * 50);
    expect(gpu.weights["linear2.bias"]!.data.every(Number.isFinite)).toBe(true);
  }, 600_000);

  it("keeps the tensor count flat across epochs", async () => {
    const { history } = await trainMnist("webgpu", 32, 64, 3);
    const counts = history.epochs.map((e) => e.numTensors);
    expect(counts).toHaveLength(3);
    expect(new Set(counts).size).toBe(1);
  }, 600_000);
});
