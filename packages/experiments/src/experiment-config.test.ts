import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { experimentConfigToYaml, parseExperimentConfigText } from "./config-text.js";
import {
  type ExperimentConfig,
  ExperimentConfigError,
  defaultExperimentConfig,
  parseExperimentConfig,
} from "./experiment-config.js";

function issuesOf(value: unknown): string[] {
  try {
    parseExperimentConfig(value);
  } catch (error) {
    if (error instanceof ExperimentConfigError) return error.issues;
    throw error;
  }
  return [];
}

describe("ExperimentConfig", () => {
  it("defaults to the course's first run: TwoLayerMLP 784-50-10, SGD 0.01 momentum 0.5, batch 64, 1 epoch, seed 1", () => {
    expect(defaultExperimentConfig()).toEqual({
      version: 2,
      dataset: "mnist",
      data: { download: true, augment: false },
      model: { kind: "two-layer", layers: [50] },
      optimizer: { name: "sgd", learningRate: 0.01, momentum: 0.5 },
      scheduler: null,
      earlyStopping: null,
      epochs: 1,
      batchSize: 64,
      valBatchSize: 10000,
      seed: 1,
      logInterval: 1,
      backend: "auto",
    });
  });

  it("fills each kind's own defaults", () => {
    const c = parseExperimentConfig({ model: { kind: "mlp" }, optimizer: { name: "adam" } });
    expect(c.model).toEqual({ kind: "mlp", layers: [512, 256, 128, 64], activation: "relu", dropout: 0 });
    expect(c.optimizer).toEqual({ name: "adam", learningRate: 0.001 });
    const cosine = parseExperimentConfig({
      epochs: 10,
      scheduler: { name: "warmup", epochs: 2, after: { name: "cosine" } },
    });
    expect(cosine.scheduler).toEqual({ name: "warmup", epochs: 2, after: { name: "cosine", tMax: 8 } });
  });

  it("reports every problem with its path", () => {
    const issues = issuesOf({
      optimizer: { name: "sgd", learningRate: -1, beta1: 0.9 },
      model: { kind: "cnn" },
      epochs: 0,
      data: { valSplit: 1.5, trainLimit: 2.5 },
      dataset: "mnsit",
      scheduler: { name: "step" },
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        "optimizer.learningRate: must be > 0",
        "optimizer: unknown key(s) beta1",
        expect.stringMatching(/^model\.kind: /),
        "epochs: must be > 0",
        "data.valSplit: must be < 1",
        expect.stringMatching(/^data\.trainLimit: expected int/),
        expect.stringMatching(/^dataset: .*mnist/),
        expect.stringMatching(/^scheduler\.stepSize: /),
      ]),
    );
    expect(issues).toHaveLength(8);
    expect(() => parseExperimentConfig({ epochs: 0 }, "e.yaml")).toThrow("e.yaml: epochs: must be > 0");
  });

  it("refuses unknown keys rather than ignoring a typo", () => {
    expect(issuesOf({ batchSise: 32 })).toEqual(["(root): unknown key(s) batchSise"]);
    expect(issuesOf({ version: 3 })[0]).toMatch(/^version: /);
  });

  it("round-trips through YAML and JSON text", () => {
    const config = parseExperimentConfig({
      dataset: "fashion-mnist",
      data: { perClass: 16, valLimit: 2000, dir: "/data/fashion" },
      model: { kind: "mlp", layers: [128, 64], activation: "tanh", dropout: 0.2 },
      optimizer: { name: "rmsprop", learningRate: 0.002, centered: true, maxGradNorm: 1 },
      scheduler: { name: "plateau", patience: 2 },
      earlyStopping: { patience: 3 },
      epochs: 20,
    });
    const yaml = experimentConfigToYaml(config);
    expect(yaml).toContain("name: rmsprop");
    expect(parseExperimentConfigText(yaml, "e.yaml")).toEqual(config);
    expect(parseExperimentConfigText(JSON.stringify(config))).toEqual(config);
    expect(() => parseExperimentConfigText("epochs: [", "bad.yaml")).toThrow(
      /^bad\.yaml: not valid YAML or JSON/,
    );
  });

  it("any valid config survives YAML unchanged (property)", () => {
    const arbitrary = fc.record({
      epochs: fc.integer({ min: 1, max: 500 }),
      batchSize: fc.integer({ min: 1, max: 4096 }),
      seed: fc.integer({ min: 0, max: 2 ** 31 }),
      model: fc.oneof(
        fc.record({
          kind: fc.constant("two-layer" as const),
          layers: fc.tuple(fc.integer({ min: 1, max: 1024 })),
        }),
        fc.record({
          kind: fc.constant("mlp" as const),
          layers: fc.array(fc.integer({ min: 1, max: 1024 }), { minLength: 1, maxLength: 5 }),
          dropout: fc.double({ min: 0, max: 0.9, noNaN: true }),
        }),
      ),
      optimizer: fc.oneof(
        fc.record({
          name: fc.constant("sgd" as const),
          learningRate: fc.double({ min: 1e-6, max: 10, noNaN: true }),
        }),
        fc.record({
          name: fc.constant("adamw" as const),
          weightDecay: fc.double({ min: 0, max: 1, noNaN: true }),
        }),
      ),
    });
    fc.assert(
      fc.property(arbitrary, (input) => {
        const config: ExperimentConfig = parseExperimentConfig(input);
        expect(parseExperimentConfigText(experimentConfigToYaml(config))).toEqual(config);
      }),
      { numRuns: 50 },
    );
  });
});
