import { defaultExperimentConfig, parseExperimentConfig } from "@mlp-lab/experiments/browser";
import { describe, expect, it } from "vitest";
import { COURSE_SECTIONS, findSection } from "./sections.js";

describe("the page's course sections", () => {
  it("are ExperimentConfigs with @mlp-lab/experiments' defaults: the first run is `mlp train` with no flag", () => {
    expect(findSection("twolayer")?.runs[0]?.config).toEqual(defaultExperimentConfig());
    for (const section of COURSE_SECTIONS) {
      for (const run of section.runs) {
        // What run.json stores and what a resume reads back: the same document.
        expect(parseExperimentConfig(JSON.parse(JSON.stringify(run.config))), run.name).toEqual(run.config);
      }
    }
  });

  it("replay the course's settings and add a Fashion-MNIST section", () => {
    const small = findSection("small")!.runs.map((r) => r.config);
    expect(
      small.map((c) => [c.optimizer.name, c.optimizer.learningRate, c.data.perClass, c.batchSize]),
    ).toEqual([
      ["sgd", 0.01, 16, 16],
      ["adam", 0.001, 16, 16],
    ]);
    expect(findSection("mlp")!.runs[0]!.config.model).toEqual({
      kind: "mlp",
      layers: [512, 256, 128, 64],
      activation: "relu",
      dropout: 0,
    });
    const fashion = findSection("fashion")!;
    expect(fashion.runs.map((r) => [r.config.dataset, r.config.model.kind, r.config.epochs])).toEqual([
      ["fashion-mnist", "two-layer", 3],
      ["fashion-mnist", "mlp", 3],
    ]);
    expect(new Set(COURSE_SECTIONS.map((s) => s.id)).size).toBe(COURSE_SECTIONS.length);
  });
});
