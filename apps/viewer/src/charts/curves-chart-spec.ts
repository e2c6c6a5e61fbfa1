import type { TopLevelSpec } from "vega-lite";
import type { CurveMetric, CurvePoint } from "../data/curve-points.js";

/** What the x axis counts: epochs, or seconds of wall time since the run began. */
export type CurveXAxis = "epoch" | "wall";

/** Options of the interactive curves chart. */
export interface CurvesChartOptions {
  /** Run labels in legend order (fixes each run's colour even when some are hidden). */
  runs: readonly string[];
  /** EMA weight in [0, 1): above 0 the raw curve stays faint behind the smoothed one. */
  smoothing: number;
  /** Log-scale y axes. */
  logY: boolean;
  xAxis: CurveXAxis;
  width: number;
  height: number;
}

const PANELS: { metric: CurveMetric; title: string; format: string }[] = [
  { metric: "loss", title: "Loss", format: ".4f" },
  { metric: "accuracy", title: "Accuracy", format: ".2%" },
  { metric: "lr", title: "Learning rate", format: ".3~g" },
];
const PHASES = ["train", "val"];
// '-' and '--' as in the course: solid train, dashed val.
const DASHES = [
  [1, 0],
  [6, 4],
];
const LINE_LEGEND = { symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 400 };

/**
 * Vega-Lite spec of a run's (or several runs') curves in three panels, loss, accuracy and learning rate,
 * the way TensorBoard draws scalars: smoothed line in front, raw line faint behind, tooltips with the
 * exact and smoothed values, log or linear y, epoch or wall-time x. One run: blue train, red val; several
 * runs: a colour per run, the dash tells the phase.
 */
export function curvesChartSpec(points: readonly CurvePoint[], options: CurvesChartOptions): TopLevelSpec {
  const multiRun = options.runs.length > 1;
  const smoothed = options.smoothing > 0;
  const x =
    options.xAxis === "epoch"
      ? {
          field: "epoch",
          type: "quantitative" as const,
          title: "Epoch",
          axis: { tickMinStep: 1, format: "d" },
        }
      : { field: "wall", type: "quantitative" as const, title: "Wall time (s)" };
  const color = multiRun
    ? {
        field: "run",
        type: "nominal" as const,
        title: "Run",
        scale: { domain: [...options.runs], scheme: "tableau10" },
        legend: null,
      }
    : {
        field: "phase",
        type: "nominal" as const,
        title: "Phase",
        scale: { domain: PHASES, range: ["#3b6fd8", "#e0463a"] },
        legend: LINE_LEGEND,
      };
  const strokeDash = {
    field: "phase",
    type: "nominal" as const,
    title: "Phase",
    scale: { domain: PHASES, range: DASHES },
    legend: multiRun ? LINE_LEGEND : null,
  };
  const panel = ({ metric, title, format }: (typeof PANELS)[number]) => {
    // Linear learning rates start the axis at zero: a constant rate would otherwise get a domain of
    // rounding noise around its value.
    const yScale = options.logY ? { type: "log" as const } : { zero: metric === "lr" };
    const y = (field: "value" | "smoothed") => ({
      field,
      type: "quantitative" as const,
      title,
      scale: yScale,
      ...(metric === "accuracy"
        ? { axis: { format: ".1~%" } }
        : metric === "lr"
          ? { axis: { format: "~g" } }
          : {}),
    });
    const tooltip = [
      { field: "run", type: "nominal" as const, title: "Run" },
      { field: "phase", type: "nominal" as const, title: "Phase" },
      { field: "epoch", type: "quantitative" as const, title: "Epoch" },
      { field: "wall", type: "quantitative" as const, title: "Wall time (s)", format: ".1f" },
      { field: "value", type: "quantitative" as const, title, format },
      ...(smoothed ? [{ field: "smoothed", type: "quantitative" as const, title: "Smoothed", format }] : []),
    ];
    const filters: { filter: string }[] = [{ filter: `datum.metric === '${metric}'` }];
    // A log scale cannot place zero or negative values; they are left out rather than breaking the axis.
    if (options.logY) filters.push({ filter: "datum.value > 0 && datum.smoothed > 0" });
    return {
      width: options.width,
      height: options.height,
      title,
      transform: filters,
      layer: [
        ...(smoothed && metric !== "lr"
          ? [
              {
                name: `raw_${metric}`,
                mark: { type: "line" as const, strokeWidth: 1.5, opacity: 0.25 },
                encoding: { x, y: y("value"), color, strokeDash },
              },
            ]
          : []),
        {
          name: `curve_${metric}`,
          mark: { type: "line" as const, strokeWidth: 2 },
          encoding: { x, y: y("smoothed"), color, strokeDash },
        },
        {
          name: `points_${metric}`,
          mark: { type: "point" as const, filled: true, size: 28, opacity: 1 },
          encoding: { x, y: y("smoothed"), color, tooltip },
        },
      ],
    };
  };
  const panels = PANELS.filter((p) => points.some((d) => d.metric === p.metric)).map(panel);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    data: { values: points as unknown as Record<string, unknown>[] },
    hconcat: panels,
    resolve: { scale: { y: "independent" } },
  };
}
