import type { TopLevelSpec } from "vega-lite";
import { type RunHistory, historyRows } from "./history.js";

/** Which quantity the curves show: loss, accuracy, or both side by side. */
export type CurveMetric = "loss" | "accuracy" | "both";

/** Options of the training-curves chart. */
export interface CurvesOptions {
  /** Quantity on the y axis; "loss" like the course's `plt.plot(losses['train'], '-b', losses['val'], '--r')`. */
  metric?: CurveMetric;
  /** Chart title; by default "Training curves" or "Training curves: <run>" for a single run. */
  title?: string;
  /** Width of each panel in pixels. */
  width?: number;
  /** Height of each panel in pixels. */
  height?: number;
}

const PHASES = ["train", "val"];
// '-' and '--': solid for train, dashed for val, as in the course.
const DASHES = [
  [1, 0],
  [6, 4],
];

// Legends draw line samples so the dash of each phase shows.
const LINE_LEGEND = { symbolType: "stroke", symbolStrokeWidth: 2, symbolSize: 400 };

function panel(metric: "loss" | "accuracy", runs: readonly string[], width: number, height: number) {
  const multiRun = runs.length > 1;
  const x = {
    field: "epoch",
    type: "quantitative" as const,
    title: "Epoch",
    axis: { tickMinStep: 1, format: "d" },
  };
  const y = {
    field: metric,
    type: "quantitative" as const,
    title: metric === "loss" ? "Loss" : "Accuracy",
    scale: { zero: false },
    ...(metric === "accuracy" ? { axis: { format: ".1~%" } } : {}),
  };
  // One run: blue train, red val like '-b' / '--r'. Several runs: a colour per run, the dash tells the phase.
  const color = multiRun
    ? {
        field: "run",
        type: "nominal" as const,
        title: "Run",
        // The runs' own order, not alphabetical, so the first run keeps the first colour.
        scale: { domain: [...runs], scheme: "tableau10" },
        legend: LINE_LEGEND,
      }
    : {
        field: "phase",
        type: "nominal" as const,
        title: "Phase",
        scale: { domain: PHASES, range: ["blue", "red"] },
        legend: LINE_LEGEND,
      };
  const tooltip = [
    { field: "run", type: "nominal" as const, title: "Run" },
    { field: "phase", type: "nominal" as const, title: "Phase" },
    { field: "epoch", type: "quantitative" as const, title: "Epoch" },
    {
      field: metric,
      type: "quantitative" as const,
      title: metric,
      format: metric === "loss" ? ".4f" : ".2%",
    },
  ];
  return {
    width,
    height,
    title: metric === "loss" ? "Loss" : "Accuracy",
    // Points in their own layer (not `point: true`) keep the legends drawing line samples, and still show a
    // run that has a single epoch.
    layer: [
      {
        mark: { type: "line" as const, strokeWidth: 2 },
        encoding: {
          x,
          y,
          color,
          strokeDash: {
            field: "phase",
            type: "nominal" as const,
            title: "Phase",
            scale: { domain: PHASES, range: DASHES },
            legend: { ...LINE_LEGEND, symbolStrokeColor: "black" },
          },
        },
      },
      {
        mark: { type: "point" as const, filled: true, size: 30, opacity: 1 },
        encoding: { x, y, color, tooltip },
      },
    ],
  };
}

/**
 * Vega-Lite spec of train and val curves per epoch for one or several runs (the course's loss plots and the
 * architecture comparison). Render it with `renderSpecSvg`, or hand it to vega-embed in the viewer.
 */
export function curvesSpec(
  runs: RunHistory | readonly RunHistory[],
  options: CurvesOptions = {},
): TopLevelSpec {
  const list: readonly RunHistory[] = Array.isArray(runs) ? runs : [runs as RunHistory];
  const values = historyRows(list);
  const labels = list.map((r) => r.label);
  const multiRun = labels.length > 1;
  const metric = options.metric ?? "loss";
  const width = options.width ?? 400;
  const height = options.height ?? 260;
  const title = options.title ?? (multiRun ? "Training curves" : `Training curves: ${list[0]!.label}`);
  const common = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: title, anchor: "start" as const, fontSize: 15 },
    data: { values },
    background: "white",
  };
  if (metric === "both") {
    return {
      ...common,
      hconcat: [panel("loss", labels, width, height), panel("accuracy", labels, width, height)],
    };
  }
  const { title: _panelTitle, ...single } = panel(metric, labels, width, height);
  return { ...common, ...single };
}
