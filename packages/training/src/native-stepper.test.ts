import { useBackend } from "@mlp-lab/backend";
import { createModel } from "@mlp-lab/models";
import { Generator } from "@mlp-lab/random";
import { afterAll, describe, expect, it } from "vitest";
import { type OptimizerConfig, SGD, TfjsStepper, createOptimizer, createStepper } from "./index.js";
import { NativeFusedStepper } from "./native-stepper.js";

const nativeStatus = await import("@mlp-lab/backend-native")
  .then((m) => m.loadNativeBackend())
  .catch((error: Error) => ({ available: false as const, reason: error.message }));

function batches(count: number, size: number, seed: number) {
  const rng = new Generator(seed);
  return Array.from({ length: count }, () => ({
    x: rng.fillNormal(new Float32Array(size * 20)),
    y: Int32Array.from({ length: size }, () => rng.int(4)),
    size,
  }));
}

afterAll(async () => {
  await useBackend("wasm");
});

describe("createStepper", () => {
  it("uses the general tfjs path off the native backend", async () => {
    await useBackend("cpu");
    const model = createModel({ kind: "mlp", layers: [20, 8, 4] }, 1);
    const stepper = await createStepper(model, new SGD(model.namedParameters(), { lr: 0.1 }));
    expect(stepper).toBeInstanceOf(TfjsStepper);
  });

  it("refuses fused: true with the reason when the fused step cannot apply", async () => {
    await useBackend("cpu");
    const model = createModel({ kind: "mlp", layers: [20, 8, 4] }, 1);
    const sgd = new SGD(model.namedParameters(), { lr: 0.1 });
    await expect(createStepper(model, sgd, { fused: true })).rejects.toThrow(
      /fused: true cannot be honoured: .*(not installed|active backend is cpu)/,
    );
    const clipped = new SGD(model.namedParameters(), { lr: 0.1, maxGradNorm: 1 });
    await expect(createStepper(model, clipped, { fused: true })).rejects.toThrow(/gradient clipping/);
    await expect(createStepper(model, sgd, { fused: "yes" as never })).rejects.toThrow(
      "createStepper: options.fused must be a boolean, got yes",
    );
    expect(await createStepper(model, sgd, { fused: false })).toBeInstanceOf(TfjsStepper);
  });

  it.skipIf(!nativeStatus.available)("takes the general path on native with fused: false", async () => {
    await useBackend("native");
    const model = createModel({ kind: "mlp", layers: [20, 8, 4] }, 1);
    const sgd = new SGD(model.namedParameters(), { lr: 0.1 });
    expect(await createStepper(model, sgd, { fused: false })).toBeInstanceOf(TfjsStepper);
    const auto = await createStepper(model, sgd);
    expect(auto).toBeInstanceOf(NativeFusedStepper);
    auto.dispose();
  });

  it.skipIf(!nativeStatus.available)(
    "fuses steps on native and matches the general path (SGD momentum, Adam)",
    async () => {
      const configs: OptimizerConfig[] = [
        { kind: "sgd", options: { lr: 0.05, momentum: 0.5 } },
        { kind: "adam", options: { lr: 0.01 } },
      ];
      for (const optimizerConfig of configs) {
        const run = async (backend: "cpu" | "native") => {
          await useBackend(backend);
          const model = createModel({ kind: "mlp", layers: [20, 16, 8, 4] }, 3);
          const optimizer = createOptimizer(optimizerConfig, model.namedParameters());
          const stepper = await createStepper(model, optimizer);
          const losses = batches(5, 7, 9).map((b) => stepper.trainStep(b).loss);
          stepper.syncToModel();
          const weights = model.stateDict()["linears.0.weight"]!.data;
          const state = optimizer.stateDict();
          stepper.dispose();
          return { stepper, losses, weights, state };
        };
        const general = await run("cpu");
        const fused = await run("native");
        expect(fused.stepper).toBeInstanceOf(NativeFusedStepper);
        fused.losses.forEach((l, i) => expect(l).toBeCloseTo(general.losses[i]!, 4));
        fused.weights.forEach((w, i) => expect(w).toBeCloseTo(general.weights[i]!, 4));
        expect(fused.state.step).toBe(general.state.step);
        expect(Object.keys(fused.state.buffers).sort()).toEqual(Object.keys(general.state.buffers).sort());
      }
    },
  );
});
