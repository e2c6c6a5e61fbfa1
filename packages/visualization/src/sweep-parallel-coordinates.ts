import type { TopLevelSpec } from "vega-lite";
import { renderSpecSvg } from "./render-spec.js";

/** One axis of the parallel-coordinates chart: a searched parameter. */
export interface SweepAxis {
  /** Field path, e.g. `optimizer.learningRate`. */
  name: string;
  /** `log` for log-uniform parameters; `categorical` for value lists (layer lists…), in their listed order. */
  scale: "linear" | "log" | "categorical";
  /** Category labels in order, for `categorical`. */
  categories?: string[];
}

/** One trial as the sweep figures draw it. */
export interface SweepTrialPoint {
  /** Trial number (0-based). */
  trial: number;
  /** Parameter values by axis name: numbers, or category labels. */
  params: Record<string, number | string>;
  /** The sweep metric (best over the trial's epochs); null when it has none (failed early). */
  value: number | null;
  /** `completed`, `pruned`, `failed`… */
  state: string;
}

/** Options of {@link sweepParallelCoordinatesSpec}. */
export interface SweepParallelCoordinatesOptions {
  axes: readonly SweepAxis[];
  /** Metric label, e.g. `val_accuracy`. */
  metric: string;
  title?: string;
  width?: number;
  height?: number;
}

function formatNumber(v: number): string {
  if (v === 0) return "0";
  const a = Math.abs(v);
  return a >= 1e4 || a < 1e-3 ? v.toExponential(1) : String(Number(v.toPrecision(3)));
}

/**
 * Parallel coordinates of a sweep: one vertical axis per parameter and a last one for the metric, one
 * line per trial through its values, coloured by its metric (as W&B's sweep chart). Each axis is scaled
 * to its own range (log for log-uniform parameters, evenly spaced for categories) and labelled with its
 * extremes. Trials without a metric are drawn grey on the metric axis' floor.
 */
export function sweepParallelCoordinatesSpec(
  trials: readonly SweepTrialPoint[],
  options: SweepParallelCoordinatesOptions,
): TopLevelSpec {
  const axes = [...options.axes.map((a) => a.name), options.metric];
  const rows: Array<{
    trial: number;
    axis: string;
    pos: number;
    value: string;
    metric: number | null;
    state: string;
  }> = [];
  const labels: Array<{ axis: string; pos: number; text: string }> = [];
  const place = (axis: SweepAxis | undefined, name: string, values: Array<number | string | null>) => {
    if (axis?.scale === "categorical") {
      const cats = axis.categories ?? [...new Set(values.map(String))];
      cats.forEach((c, i) =>
        labels.push({ axis: name, pos: cats.length === 1 ? 0.5 : i / (cats.length - 1), text: c }),
      );
      return values.map((v) => {
        const i = cats.indexOf(String(v));
        return cats.length === 1 ? 0.5 : i / (cats.length - 1);
      });
    }
    const t = (v: number) => (axis?.scale === "log" ? Math.log(v) : v);
    const nums = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
    if (nums.length === 0) return values.map(() => 0);
    const lo = Math.min(...nums);
    const hi = Math.max(...nums);
    labels.push(
      { axis: name, pos: 0, text: formatNumber(lo) },
      { axis: name, pos: 1, text: formatNumber(hi) },
    );
    return values.map((v) =>
      typeof v !== "number" || !Number.isFinite(v) ? 0 : hi === lo ? 0.5 : (t(v) - t(lo)) / (t(hi) - t(lo)),
    );
  };
  for (const axis of options.axes) {
    const pos = place(
      axis,
      axis.name,
      trials.map((tr) => tr.params[axis.name] ?? null),
    );
    trials.forEach((tr, i) =>
      rows.push({
        trial: tr.trial,
        axis: axis.name,
        pos: pos[i]!,
        value: String(tr.params[axis.name]),
        metric: tr.value,
        state: tr.state,
      }),
    );
  }
  const metricPos = place(
    undefined,
    options.metric,
    trials.map((t) => t.value),
  );
  trials.forEach((tr, i) =>
    rows.push({
      trial: tr.trial,
      axis: options.metric,
      pos: metricPos[i]!,
      value: tr.value === null ? "-" : formatNumber(tr.value),
      metric: tr.value,
      state: tr.state,
    }),
  );
  const x = {
    field: "axis",
    type: "ordinal" as const,
    sort: axes,
    title: null,
    axis: { labelAngle: 0, orient: "top" as const, domain: false, ticks: false },
  };
  const y = { field: "pos", type: "quantitative" as const, axis: null, scale: { domain: [-0.04, 1.04] } };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: options.title ?? `Sweep: parameters against ${options.metric}`,
    width: options.width ?? Math.max(360, 150 * axes.length),
    height: options.height ?? 320,
    background: "white",
    layer: [
      {
        data: { values: axes.map((axis) => ({ axis })) },
        mark: { type: "rule", color: "#999" },
        encoding: {
          x,
          y: { datum: 0, type: "quantitative", scale: { domain: [-0.04, 1.04] }, axis: null },
          y2: { datum: 1 },
        },
      },
      {
        data: { values: rows },
        mark: { type: "line", strokeWidth: 1.5, opacity: 0.85 },
        encoding: {
          x,
          y,
          detail: { field: "trial", type: "nominal" },
          color: {
            field: "metric",
            type: "quantitative",
            title: options.metric,
            scale: { scheme: "viridis" },
          },
          tooltip: [
            { field: "trial", type: "quantitative", title: "Trial" },
            { field: "axis", type: "nominal", title: "Axis" },
            { field: "value", type: "nominal", title: "Value" },
            { field: "state", type: "nominal", title: "State" },
          ],
        },
      },
      {
        data: { values: labels },
        mark: { type: "text", align: "left", dx: 4, fontSize: 10, color: "#333" },
        encoding: { x, y, text: { field: "text" } },
      },
    ],
  } as TopLevelSpec;
}

/** {@link sweepParallelCoordinatesSpec} rendered as SVG. */
export function sweepParallelCoordinatesSvg(
  trials: readonly SweepTrialPoint[],
  options: SweepParallelCoordinatesOptions,
): Promise<string> {
  return renderSpecSvg(sweepParallelCoordinatesSpec(trials, options));
}
