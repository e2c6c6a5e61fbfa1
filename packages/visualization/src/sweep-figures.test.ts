import { describe, expect, it } from "vitest";
import { sweepBestSoFarSpec, sweepBestSoFarSvg } from "./sweep-best-so-far.js";
import { type SweepTrialPoint, sweepParallelCoordinatesSvg } from "./sweep-parallel-coordinates.js";

const trials: SweepTrialPoint[] = [
  {
    trial: 0,
    params: { "optimizer.learningRate": 0.001, "model.layers": "128" },
    value: 0.81,
    state: "pruned",
  },
  {
    trial: 1,
    params: { "optimizer.learningRate": 0.1, "model.layers": "256,128" },
    value: 0.93,
    state: "completed",
  },
  {
    trial: 2,
    params: { "optimizer.learningRate": 0.03, "model.layers": "128" },
    value: 0.9,
    state: "completed",
  },
  {
    trial: 3,
    params: { "optimizer.learningRate": 0.3, "model.layers": "256,128" },
    value: null,
    state: "failed",
  },
];

describe("sweep figures", () => {
  it("draws parallel coordinates with an axis per parameter and the metric, labelled with their extremes", async () => {
    const svg = await sweepParallelCoordinatesSvg(trials, {
      metric: "val_accuracy",
      axes: [
        { name: "optimizer.learningRate", scale: "log" },
        { name: "model.layers", scale: "categorical", categories: ["128", "256,128"] },
      ],
    });
    expect(svg).toMatch(/^<svg/);
    for (const text of [
      "optimizer.learningRate",
      "model.layers",
      "val_accuracy",
      "0.001",
      "0.3",
      "256,128",
      "0.81",
      "0.93",
    ])
      expect(svg).toContain(text);
  });

  it("draws best-so-far as a step line that only improves", async () => {
    const spec = sweepBestSoFarSpec(trials, { metric: "val_accuracy", goal: "maximize" }) as unknown as {
      layer: Array<{ data: { values: Array<{ best?: number }> } }>;
    };
    expect(spec.layer[0]!.data.values.map((r) => r.best)).toEqual([0.81, 0.93, 0.93, 0.93]);
    const svg = await sweepBestSoFarSvg(trials, { metric: "val_loss", goal: "minimize" });
    expect(svg).toContain("Trial");
  });
});
