import { describe, expect, it } from "vitest";
import { curvesChartSpec } from "../charts/curves-chart-spec.js";
import { metricsLine } from "../test-fixtures.js";
import { curvePoints } from "./curve-points.js";
import { emaSmooth } from "./ema-smoothing.js";

describe("emaSmooth", () => {
  it("is TensorBoard's debiased EMA: the first point is kept, later ones lag behind", () => {
    expect(emaSmooth([1, 0, 0], 0)).toEqual([1, 0, 0]);
    const s = emaSmooth([1, 0, 0], 0.5);
    expect(s[0]).toBeCloseTo(1); // debiased: not pulled towards 0
    expect(s[1]).toBeCloseTo(0.25 / 0.75); // (0.5 * 0.5 * 1 + 0.5 * 0) / (1 - 0.5^2)
    expect(s[2]).toBeCloseTo(0.125 / 0.875); // 0.5 * 0.25 / (1 - 0.5^3)
    // A constant series stays constant at any weight.
    expect(emaSmooth([3, 3, 3, 3], 0.99).every((v) => Math.abs(v - 3) < 1e-9)).toBe(true);
  });

  it("passes non-finite values through and rejects a weight outside [0, 1)", () => {
    expect(emaSmooth([1, Number.NaN, 1], 0.9)[1]).toBeNaN();
    expect(() => emaSmooth([1], 1)).toThrow(/smoothing: must be in \[0, 1\)/);
  });
});

const line = (epoch: number, phase: "train" | "val", loss: number, seconds: number, time: string) => ({
  ...metricsLine(epoch, phase, loss, 0.5 + epoch / 10),
  lr: phase === "train" ? 0.1 / (epoch + 1) : null,
  seconds,
  time,
});

describe("curvePoints", () => {
  const entries = [
    line(0, "train", 2, 10, "2026-11-27T10:00:10.000Z"),
    line(0, "val", 1.5, 1, "2026-11-27T10:00:11.000Z"),
    line(1, "train", 1, 10, "2026-11-27T10:00:21.000Z"),
    line(1, "val", 0.9, 1, "2026-11-27T10:00:22.000Z"),
    line(2, "train", 0.5, 10, "2026-11-27T10:00:32.000Z"),
  ];

  it("keeps the learning rate of train lines, and wall time from the run's start", () => {
    const points = curvePoints([{ label: "r", entries }], 0);
    const lr = points.filter((p) => p.metric === "lr");
    expect(lr.map((p) => [p.phase, p.epoch, p.value])).toEqual([
      ["train", 0, 0.1],
      ["train", 1, 0.05],
      ["train", 2, 0.1 / 3],
    ]);
    expect(points.filter((p) => p.metric === "loss" && p.phase === "train").map((p) => p.wall)).toEqual([
      10, 21, 32,
    ]);
    expect(points.every((p) => p.smoothed === p.value)).toBe(true);
  });

  it("smooths each series on its own and draws raw curves only when smoothing", () => {
    const points = curvePoints([{ label: "r", entries }], 0.6);
    const trainLoss = points.filter((p) => p.metric === "loss" && p.phase === "train");
    expect(trainLoss.map((p) => p.value)).toEqual([2, 1, 0.5]);
    expect(trainLoss[0]!.smoothed).toBeCloseTo(2);
    expect(trainLoss[2]!.smoothed).toBeGreaterThan(0.5);
    // The learning-rate schedule is drawn as set, never smoothed.
    expect(points.filter((p) => p.metric === "lr").every((p) => p.smoothed === p.value)).toBe(true);
    const spec = curvesChartSpec(points, {
      runs: ["r"],
      smoothing: 0.6,
      logY: true,
      xAxis: "wall",
      width: 200,
      height: 150,
    }) as unknown as {
      hconcat: {
        title: string;
        layer: { name: string; encoding: { x: { field: string }; y: { scale: { type?: string } } } }[];
      }[];
    };
    expect(spec.hconcat.map((p) => p.title)).toEqual(["Loss", "Accuracy", "Learning rate"]);
    const loss = spec.hconcat[0]!;
    expect(loss.layer.map((l) => l.name)).toEqual(["raw_loss", "curve_loss", "points_loss"]);
    expect(spec.hconcat[2]!.layer.map((l) => l.name)).toEqual(["curve_lr", "points_lr"]);
    expect(loss.layer[1]!.encoding.x.field).toBe("wall");
    expect(loss.layer[1]!.encoding.y.scale.type).toBe("log");
    const unsmoothed = curvesChartSpec(curvePoints([{ label: "r", entries }], 0), {
      runs: ["r"],
      smoothing: 0,
      logY: false,
      xAxis: "epoch",
      width: 200,
      height: 150,
    }) as unknown as { hconcat: { layer: { name: string }[] }[] };
    expect(unsmoothed.hconcat[0]!.layer.map((l) => l.name)).toEqual(["curve_loss", "points_loss"]);
  });
});
