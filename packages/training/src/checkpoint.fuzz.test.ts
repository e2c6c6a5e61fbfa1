// Fuzzing of checkpoint decoding (issue #14): model.safetensors, optimizer.safetensors and trainer.json
// as a resume or `mlp eval` reads them. Any bytes give a checkpoint or a TrainingError naming the file;
// never another exception. Seeded, a fixed number of cases in CI; `pnpm fuzz` (FUZZ_RUNS) runs more.
import { fileURLToPath } from "node:url";
import { MUTATION_KINDS, corpus, fuzzRuns, fuzzSeed, keepFailure, mutate } from "@mlp-lab/vitest-config/fuzz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CheckpointBytes, decodeCheckpoint, encodeCheckpoint } from "./checkpoint.js";
import { TrainingError } from "./errors.js";

const CORPUS = fileURLToPath(new URL("./__fuzz__/trainer-json/", import.meta.url));
const SOURCE = "/runs/r/checkpoints/last";
const plan = fc.array(fc.tuple(fc.nat(MUTATION_KINDS - 1), fc.nat(), fc.nat()), {
  minLength: 1,
  maxLength: 6,
});

const valid: CheckpointBytes = encodeCheckpoint({
  model: {
    "fc1.weight": { shape: [3, 4], data: Float32Array.from({ length: 12 }, (_, i) => i / 10) },
    "fc1.bias": { shape: [3], data: Float32Array.of(0.1, -0.2, 0.3) },
  },
  optimizer: {
    step: 7,
    lr: 0.01,
    buffers: { "fc1.weight.momentum": { shape: [3, 4], data: new Float32Array(12) } },
  },
  trainer: {
    version: 1,
    epoch: 3,
    modelConfig: { kind: "two-layer", dIn: 4, hidden: 3, dOut: 2 },
    savedAt: "2026-12-01T00:00:00.000Z",
  } as never,
});

function check(bytes: CheckpointBytes, saved: Uint8Array): void {
  try {
    const checkpoint = decodeCheckpoint(bytes, SOURCE);
    for (const t of Object.values(checkpoint.model)) {
      expect(t.data.length).toBe(t.shape.reduce((a, b) => a * b, 1));
    }
    if (checkpoint.trainer) expect(Number.isInteger(checkpoint.trainer.epoch)).toBe(true);
  } catch (error) {
    if (error instanceof TrainingError && error.message.includes(SOURCE)) return;
    keepFailure(CORPUS, saved);
    throw error;
  }
}

describe("checkpoint decoding fuzzing", () => {
  it("replays the committed corpus (as trainer.json and as model.safetensors)", () => {
    const cases = corpus(CORPUS);
    expect(cases.length).toBeGreaterThan(0);
    for (const { bytes } of cases) {
      check({ model: valid.model, trainer: bytes }, bytes);
      check({ model: bytes }, bytes);
    }
  });

  it("mutated trainer.json", () => {
    fc.assert(
      fc.property(plan, (steps) => {
        const trainer = mutate(valid.trainer!, steps);
        check({ ...valid, trainer }, trainer);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });

  it("trainer.json with any JSON value in place of a field", () => {
    const fields = ["version", "epoch", "modelConfig", "savedAt", "history", "schedulerState"];
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), (field, value) => {
        const doc = JSON.parse(new TextDecoder().decode(valid.trainer!));
        doc[field] = value;
        const trainer = new TextEncoder().encode(JSON.stringify(doc));
        check({ ...valid, trainer }, trainer);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(300) },
    );
  });

  it("mutated model and optimizer safetensors", () => {
    fc.assert(
      fc.property(plan, fc.boolean(), (steps, optimizer) => {
        const bytes = mutate(optimizer ? valid.optimizer! : valid.model, steps);
        check(optimizer ? { ...valid, optimizer: bytes } : { ...valid, model: bytes }, bytes);
      }),
      { seed: fuzzSeed(), numRuns: fuzzRuns(400) },
    );
  });
});
