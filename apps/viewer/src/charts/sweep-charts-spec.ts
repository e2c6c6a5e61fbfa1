import type { SweepDetail } from "@mlp-lab/runs/server";
import { sweepBestSoFarSpec, sweepParallelCoordinatesSpec } from "@mlp-lab/visualization";
import type { TopLevelSpec } from "vega-lite";
import { type AxisPosition, sweepAxes, sweepPoints } from "../data/sweep-view.js";

/** Name of the parallel-coordinates chart's interval selection; its signal carries `{ axis, pos }`. */
export const AXIS_BRUSH = "brush";

type Layered = { layer: Array<{ data?: { values?: unknown[] }; params?: unknown[] }> };

/**
 * The sweep's parallel coordinates (from `@mlp-lab/visualization`) with an interval selection on the trial
 * lines: dragging a box over one or more axes selects the axes it spans (x, discrete) and a range of positions
 * (y), which the page turns into a filter of the trials table. Also returns each trial's position on each axis,
 * the same numbers the chart draws, so the filter agrees with the picture.
 */
export function sweepParallelSpec(sweep: SweepDetail): { spec: TopLevelSpec; positions: AxisPosition[] } {
  const spec = sweepParallelCoordinatesSpec(sweepPoints(sweep), {
    axes: sweepAxes(sweep),
    metric: sweep.metric.name,
    title: `${sweep.name}: parameters against ${sweep.metric.name}`,
  }) as TopLevelSpec & Layered;
  const lines = spec.layer[1];
  if (!lines) throw new Error("sweepParallelCoordinatesSpec: expected its trial lines as the second layer");
  lines.params = [
    {
      name: AXIS_BRUSH,
      select: { type: "interval", encodings: ["x", "y"], clear: "dblclick" },
    },
  ];
  const positions = (lines.data?.values ?? []) as AxisPosition[];
  return { spec, positions };
}

/** The sweep's best-so-far over trials (from `@mlp-lab/visualization`). */
export function sweepHistorySpec(sweep: SweepDetail): TopLevelSpec {
  return sweepBestSoFarSpec(sweepPoints(sweep), {
    metric: sweep.metric.name,
    goal: sweep.metric.goal,
    title: `${sweep.name}: best ${sweep.metric.name} so far`,
  });
}
