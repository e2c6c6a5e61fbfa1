import type { TopLevelSpec } from "vega-lite";
import { renderSpecSvg } from "./render-spec.js";
import type { SweepTrialPoint } from "./sweep-parallel-coordinates.js";

/** Options of {@link sweepBestSoFarSpec}. */
export interface SweepBestSoFarOptions {
  /** Metric label, e.g. `val_accuracy`. */
  metric: string;
  goal: "maximize" | "minimize";
  title?: string;
  width?: number;
  height?: number;
}

/**
 * Best-so-far of a sweep: each trial's metric as a point (shaped by its state: completed, pruned by
 * ASHA…) and the best value reached up to each trial as a step line, as Optuna's optimization-history
 * plot. Trials without a metric are left out.
 */
export function sweepBestSoFarSpec(
  trials: readonly SweepTrialPoint[],
  options: SweepBestSoFarOptions,
): TopLevelSpec {
  const ordered = [...trials].sort((a, b) => a.trial - b.trial);
  let best: number | null = null;
  const points: Array<{ trial: number; value: number; state: string }> = [];
  const line: Array<{ trial: number; best: number }> = [];
  for (const t of ordered) {
    if (t.value !== null && Number.isFinite(t.value)) {
      points.push({ trial: t.trial, value: t.value, state: t.state });
      if (best === null || (options.goal === "maximize" ? t.value > best : t.value < best)) best = t.value;
    }
    if (best !== null) line.push({ trial: t.trial, best });
  }
  const isAccuracy = /accuracy/.test(options.metric);
  const y = {
    type: "quantitative" as const,
    title: options.metric,
    scale: { zero: false },
    ...(isAccuracy ? { axis: { format: ".1~%" } } : {}),
  };
  const x = {
    field: "trial",
    type: "quantitative" as const,
    title: "Trial",
    axis: { tickMinStep: 1, format: "d" },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    title: options.title ?? `Sweep: best ${options.metric} so far`,
    width: options.width ?? 480,
    height: options.height ?? 300,
    background: "white",
    layer: [
      {
        data: { values: line },
        mark: { type: "line", interpolate: "step-after", color: "#d62728", strokeWidth: 2 },
        encoding: { x, y: { ...y, field: "best" } },
      },
      {
        data: { values: points },
        mark: { type: "point", filled: true, size: 60, opacity: 0.85 },
        encoding: {
          x,
          y: { ...y, field: "value" },
          shape: { field: "state", type: "nominal", title: "Trial" },
          color: { field: "state", type: "nominal", title: "Trial", scale: { scheme: "tableau10" } },
          tooltip: [
            { field: "trial", type: "quantitative", title: "Trial" },
            {
              field: "value",
              type: "quantitative",
              title: options.metric,
              format: isAccuracy ? ".2%" : ".4f",
            },
            { field: "state", type: "nominal", title: "State" },
          ],
        },
      },
    ],
  } as TopLevelSpec;
}

/** {@link sweepBestSoFarSpec} rendered as SVG. */
export function sweepBestSoFarSvg(
  trials: readonly SweepTrialPoint[],
  options: SweepBestSoFarOptions,
): Promise<string> {
  return renderSpecSvg(sweepBestSoFarSpec(trials, options));
}
