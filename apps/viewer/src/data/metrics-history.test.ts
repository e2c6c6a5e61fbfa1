import { curvesSpec } from "@mlp-lab/visualization";
import { describe, expect, it } from "vitest";
import { metricsLine } from "../test-fixtures.js";
import { epochsDone, latestByPhase, metricsHistory } from "./metrics-history.js";

describe("metricsHistory", () => {
  it("keeps train and val lines, drops test and diverged ones, and the last copy of a resumed epoch", () => {
    const history = metricsHistory("run", [
      metricsLine(1, "train", 0.5, 0.8),
      metricsLine(1, "val", 0.4, 0.85),
      metricsLine(2, "train", null, null),
      metricsLine(2, "train", 0.3, 0.9),
      metricsLine(2, "test", 0.35, 0.88),
    ]);
    expect(history.records).toEqual([
      { epoch: 1, phase: "train", loss: 0.5, accuracy: 0.8 },
      { epoch: 1, phase: "val", loss: 0.4, accuracy: 0.85 },
      { epoch: 2, phase: "train", loss: 0.3, accuracy: 0.9 },
    ]);
    // What the viewer draws is the visualization package's spec of exactly these rows.
    const spec = curvesSpec(history) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(3);
  });

  it("counts epochs from 0 or 1 alike, ignoring test lines", () => {
    const lines = [
      metricsLine(0, "train", 1, 0.5),
      metricsLine(0, "val", 1, 0.5),
      metricsLine(1, "train", 1, 0.5),
    ];
    expect(epochsDone([...lines, metricsLine(5, "test", 1, 0.5)])).toBe(2);
  });

  it("finds the newest line of each phase", () => {
    const latest = latestByPhase([metricsLine(1, "train", 0.5, 0.8), metricsLine(2, "train", 0.3, 0.9)]);
    expect(latest.train?.epoch).toBe(2);
    expect(latest.val).toBeUndefined();
  });
});
