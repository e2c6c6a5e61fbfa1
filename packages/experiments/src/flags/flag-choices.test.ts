import { BACKEND_NAMES } from "@mlp-lab/backend/names";
import { DATASETS } from "@mlp-lab/datasets/web";
import { ACTIVATIONS } from "@mlp-lab/models";
import { MONITOR_NAMES, OPTIMIZER_KINDS } from "@mlp-lab/training";
import { describe, expect, it } from "vitest";
import { COURSE_SECTIONS } from "../course.js";
import { DEFAULT_MLP_LAYERS, MODEL_KINDS, SCHEDULER_NAMES } from "../experiment-config.js";
import {
  ACTIVATION_CHOICES,
  BACKEND_FLAG_CHOICES,
  COURSE_SECTION_IDS,
  DATASET_CHOICES,
  DEFAULT_LAYERS,
  MODEL_CHOICES,
  MONITOR_CHOICES,
  OPTIMIZER_CHOICES,
  SCHEDULER_FLAG_CHOICES,
} from "./flag-choices.js";
import { TRAINING_FLAGS } from "./training-flags.js";

describe("the names flags choose from", () => {
  it("are the libraries' own lists, spelled without loading tfjs", () => {
    expect(ACTIVATION_CHOICES).toEqual(ACTIVATIONS);
    expect(OPTIMIZER_CHOICES).toEqual(OPTIMIZER_KINDS);
    expect(MONITOR_CHOICES).toEqual(MONITOR_NAMES);
    expect(MODEL_CHOICES).toEqual(MODEL_KINDS);
    expect(DEFAULT_LAYERS).toEqual(DEFAULT_MLP_LAYERS);
    expect(BACKEND_FLAG_CHOICES).toEqual(["auto", ...BACKEND_NAMES]);
    expect(DATASET_CHOICES).toEqual(Object.keys(DATASETS));
    expect(COURSE_SECTION_IDS).toEqual(COURSE_SECTIONS.map((s) => s.id));
  });

  it("offer every schedule of the config but warmup, which is a flag of its own", () => {
    expect(SCHEDULER_FLAG_CHOICES.filter((s) => s !== "none")).toEqual(
      SCHEDULER_NAMES.filter((s) => s !== "warmup"),
    );
  });
});

describe("the training flag table", () => {
  it("declares each flag once, with a parser for every flag that takes a value", () => {
    const names = TRAINING_FLAGS.map((f) => f.flags.split(" ")[0]);
    expect(new Set(names).size).toBe(names.length);
    for (const f of TRAINING_FLAGS)
      expect(Boolean(f.parse), f.flags).toBe(f.flags.includes("<") && f.flags !== "--data-dir <dir>");
  });

  it("parses values and names the flag of a bad one", () => {
    const lr = TRAINING_FLAGS.find((f) => f.flags.startsWith("--lr "))!;
    expect(lr.parse!("0.5")).toBe(0.5);
    expect(() => lr.parse!("-1")).toThrow('--lr must be a positive number, got "-1"');
    const dataset = TRAINING_FLAGS.find((f) => f.flags.startsWith("--dataset "))!;
    expect(() => dataset.parse!("fashon-mnist")).toThrow('Did you mean "fashion-mnist"?');
  });
});
