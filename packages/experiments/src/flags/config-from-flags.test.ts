import { describe, expect, it } from "vitest";
import { defaultExperimentConfig } from "../experiment-config.js";
import { configFromFlags } from "./config-from-flags.js";
import { FlagError } from "./flag-error.js";
import { TRAINING_FLAGS, type TrainingFlags } from "./training-flags.js";

/** The table's defaults with `given` on top, as a command line would give them. */
function parse(given: Partial<TrainingFlags>) {
  const defaults = Object.fromEntries(
    TRAINING_FLAGS.filter((f) => f.default !== undefined).map((f) => [
      f.flags
        .split(" ")[0]!
        .slice(2)
        .replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
      f.default,
    ]),
  );
  const values = { ...defaults, ...given } as TrainingFlags;
  return configFromFlags(values, (key) => key in given);
}

describe("configFromFlags", () => {
  it("gives the course's first run without flags", () => {
    expect(parse({})).toEqual(defaultExperimentConfig());
  });

  it("maps flags onto their config paths; --layers alone means the layered MLP", () => {
    const c = parse({ layers: [128, 64], optimizer: "adam", lr: 0.001, trainLimit: 500, epochs: 3 });
    expect(c.model).toMatchObject({ kind: "mlp", layers: [128, 64], activation: "relu" });
    expect(c.optimizer).toMatchObject({ name: "adam", learningRate: 0.001 });
    expect(c.data.trainLimit).toBe(500);
    expect(c.epochs).toBe(3);
  });

  it("builds schedules, warm-up in front", () => {
    expect(parse({ scheduler: "step", stepSize: 2, gamma: 0.5 }).scheduler).toEqual({
      name: "step",
      stepSize: 2,
      gamma: 0.5,
    });
    expect(parse({ scheduler: "cosine", warmup: 2 }).scheduler).toMatchObject({
      name: "warmup",
      epochs: 2,
      after: { name: "cosine" },
    });
  });

  it("refuses flags that do not go together, naming them", () => {
    const conflict = (given: Partial<TrainingFlags>) => () => parse(given);
    expect(conflict({ optimizer: "adam", nesterov: true })).toThrow(
      "--nesterov applies to sgd, not --optimizer adam",
    );
    expect(conflict({ scheduler: "step" })).toThrow(FlagError);
    expect(conflict({ scheduler: "plateau", warmup: 1 })).toThrow("--warmup cannot be combined");
  });

  it("overrides a base config with the flags given only", () => {
    const base = parse({ layers: [32], optimizer: "adam", lr: 0.002 });
    const c = configFromFlags({ ...base, epochs: 7 } as never, (key) => key === "epochs", base);
    expect(c).toEqual({ ...base, epochs: 7 });
  });
});
