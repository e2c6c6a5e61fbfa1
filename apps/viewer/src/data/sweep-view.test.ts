import type { SweepDetail } from "@mlp-lab/runs/server";
import { describe, expect, it } from "vitest";
import { hideBrushMarks } from "../charts/hide-brush-marks.js";
import { sweepParallelSpec } from "../charts/sweep-charts-spec.js";
import {
  formatMetric,
  formatParam,
  sweepAxes,
  sweepPoints,
  trialProgress,
  trialStatus,
  trialsInBrush,
} from "./sweep-view.js";

const trial = (number: number, lr: number, layers: number[], state: string, value: number | null) => ({
  number,
  params: { "optimizer.learningRate": lr, "model.layers": layers },
  state,
  runId: state === "pending" ? null : `run-${number}`,
  value,
  values: value === null ? [] : [value],
  epochs: value === null ? 0 : 3,
  lastRung: state === "pruned" ? 1 : null,
  error: null,
});

const sweep: SweepDetail = {
  id: "20261201-220000-s-aaaa",
  name: "s",
  status: "running",
  method: "random",
  metric: { name: "val_accuracy", goal: "maximize" },
  createdAt: "2026-12-01T22:00:00.000Z",
  updatedAt: "2026-12-01T22:01:00.000Z",
  endedAt: null,
  plannedTrials: 6,
  trialCounts: { completed: 2, pruned: 1, failed: 1, pending: 1 },
  best: { trial: 1, value: 0.93, runId: "run-1", params: {} },
  error: null,
  parameters: [
    { name: "optimizer.learningRate", values: null, distribution: "log_uniform", min: 0.001, max: 0.1 },
    { name: "model.layers", values: [[128], [256, 128]], distribution: null, min: null, max: null },
  ],
  trials: [
    trial(0, 0.001, [128], "completed", 0.81),
    trial(1, 0.1, [256, 128], "completed", 0.93),
    trial(2, 0.01, [128], "pruned", 0.7),
    trial(3, 0.05, [256, 128], "failed", null),
    trial(4, 0.02, [128], "pending", null),
  ],
};

describe("sweep view data", () => {
  it("formats parameters and metrics as `mlp sweeps show` does", () => {
    expect(formatParam([256, 128])).toBe("256,128");
    expect(formatParam(0.0123456)).toBe("0.01235");
    expect(formatParam(64)).toBe("64");
    expect(formatParam(undefined)).toBe("-");
    expect(formatMetric("val_accuracy", 0.93)).toBe("93.00%");
    expect(formatMetric("val_loss", 0.123456)).toBe("0.1235");
    expect(formatMetric("val_loss", null)).toBe("-");
  });

  it("counts finished trials against the planned total, and says where a pruned trial stopped", () => {
    expect(trialProgress(sweep)).toEqual({ done: 4, total: 6 });
    expect(trialProgress({ ...sweep, plannedTrials: null })).toEqual({ done: 4, total: 5 });
    expect(trialStatus(sweep.trials[2]!)).toBe("pruned@1");
    expect(trialStatus(sweep.trials[0]!)).toBe("completed");
  });

  it("turns the searched parameters into axes and the started trials into points", () => {
    expect(sweepAxes(sweep)).toEqual([
      { name: "optimizer.learningRate", scale: "log" },
      { name: "model.layers", scale: "categorical", categories: ["128", "256,128"] },
    ]);
    const points = sweepPoints(sweep);
    expect(points.map((p) => p.trial)).toEqual([0, 1, 2, 3]);
    expect(points[1]).toEqual({
      trial: 1,
      params: { "optimizer.learningRate": 0.1, "model.layers": "256,128" },
      value: 0.93,
      state: "completed",
    });
  });

  it("filters trials by a brush over one or more axes, at the positions the chart draws", () => {
    const { spec, positions } = sweepParallelSpec(sweep);
    expect(JSON.stringify(spec)).toContain('"type":"interval"');
    // learning rate on a log axis: 0.001 at 0, 0.1 at 1, 0.01 half way.
    const lr = (t: number) =>
      positions.find((p) => p.trial === t && p.axis === "optimizer.learningRate")?.pos;
    expect(lr(0)).toBe(0);
    expect(lr(1)).toBe(1);
    expect(lr(2)).toBeCloseTo(0.5);
    expect(trialsInBrush(positions, null)).toBeNull();
    expect(trialsInBrush(positions, {})).toBeNull();
    expect([
      ...(trialsInBrush(positions, { axis: ["optimizer.learningRate"], pos: [0.4, 1] }) ?? []),
    ]).toEqual([1, 2, 3]);
    // Two axes: also on the first layer list (position 0).
    expect([
      ...(trialsInBrush(positions, { axis: ["optimizer.learningRate", "model.layers"], pos: [0.6, -0.1] }) ??
        []),
    ]).toEqual([0, 2]);
    // Metric axis: trials with the best results.
    expect([...(trialsInBrush(positions, { axis: ["val_accuracy"], pos: [0.4, 1] }) ?? [])]).toEqual([0, 1]);
  });
});

describe("hideBrushMarks", () => {
  it("takes the compiled brush rectangles, and only them, out of the accessibility tree", async () => {
    const { compile } = await import("vega-lite");
    const vega = hideBrushMarks(compile(sweepParallelSpec(sweep).spec).spec) as {
      marks: Array<{ name?: string; aria?: boolean }>;
    };
    const brush = vega.marks.filter((m) => /_brush(_bg)?$/.test(m.name ?? ""));
    expect(brush.map((m) => m.name).sort()).toEqual(["brush_brush", "brush_brush_bg"]);
    expect(brush.every((m) => m.aria === false)).toBe(true);
    expect(vega.marks.filter((m) => m.aria === false)).toHaveLength(2);
  });
});
