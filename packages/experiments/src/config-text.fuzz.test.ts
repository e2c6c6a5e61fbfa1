// Fuzzing of experiment configs (YAML or JSON, `parseExperimentConfigText`): any text gives a complete
// config or ExperimentConfigError naming the file; never another exception. Seeded, a fixed number of
// cases in CI; `pnpm fuzz` (FUZZ_RUNS) runs more.
import { fileURLToPath } from "node:url";
import { MUTATION_KINDS, corpus, fuzzRuns, fuzzSeed, keepFailure, mutate } from "@mlp-lab/vitest-config/fuzz";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { experimentConfigToYaml, parseExperimentConfigText } from "./config-text.js";
import { ExperimentConfigError, parseExperimentConfig } from "./experiment-config.js";

const CORPUS = fileURLToPath(new URL("./__fuzz__/config/", import.meta.url));
const FILE = "experiments/fuzz.yaml";
const plan = fc.array(fc.tuple(fc.nat(MUTATION_KINDS - 1), fc.nat(), fc.nat()), {
  minLength: 1,
  maxLength: 6,
});
const full = parseExperimentConfig({
  model: { kind: "mlp", layers: [64, 32], dropout: 0.1 },
  optimizer: { name: "adamw", learningRate: 0.002 },
  scheduler: { name: "warmup", epochs: 2, after: { name: "cosine" } },
  earlyStopping: { patience: 3 },
  epochs: 10,
});
const seeds = [experimentConfigToYaml(full), JSON.stringify(full), "{}", "epochs: 3\n"].map((t) =>
  new TextEncoder().encode(t),
);

function check(bytes: Uint8Array): void {
  const text = new TextDecoder().decode(bytes);
  try {
    const config = parseExperimentConfigText(text, FILE);
    expect(config.epochs).toBeGreaterThan(0);
  } catch (error) {
    if (error instanceof ExperimentConfigError && error.message.startsWith(`${FILE}: `)) return;
    keepFailure(CORPUS, bytes);
    throw error;
  }
}

describe("experiment config fuzzing", () => {
  it("replays the committed corpus", () => {
    const cases = corpus(CORPUS);
    expect(cases.length).toBeGreaterThan(0);
    for (const { bytes } of cases) check(bytes);
  });

  it(
    "mutated YAML and JSON configs",
    () => {
      fc.assert(
        fc.property(fc.nat(seeds.length - 1), plan, (which, steps) => check(mutate(seeds[which]!, steps))),
        { seed: fuzzSeed(), numRuns: fuzzRuns(100) },
      );
    },
    fuzzRuns(100) * 200 + 60_000,
  );

  it(
    "any JSON value in place of a field",
    () => {
      const fields = [
        "model",
        "optimizer",
        "scheduler",
        "earlyStopping",
        "epochs",
        "data",
        "normalize",
        "seed",
      ];
      fc.assert(
        fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), (field, value) => {
          check(new TextEncoder().encode(JSON.stringify({ ...full, [field]: value })));
        }),
        { seed: fuzzSeed(), numRuns: fuzzRuns(100) },
      );
    },
    fuzzRuns(100) * 200 + 60_000,
  );
});
