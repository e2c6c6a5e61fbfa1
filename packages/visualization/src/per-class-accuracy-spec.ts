import { type ConfusionMatrix, perClassMetrics } from "@mlp-lab/metrics";
import type { TopLevelSpec } from "vega-lite";
import { chartClassNames, classLabelAngle } from "./confusion-spec.js";
import { checkConfusionMatrix } from "./validate.js";

/** Options of the per-class accuracy chart. */
export interface PerClassAccuracyOptions {
  /** Names of the classes in index order; "0", "1", ... by default. */
  classNames?: readonly string[];
  /** Chart title. */
  title?: string;
  /** Chart height in pixels. */
  height?: number;
}

/**
 * Vega-Lite spec of per-class accuracy (recall: correct / samples of the class) as bars, each labelled with its
 * percentage, and the overall accuracy as a line across them.
 */
export function perClassAccuracySpec(
  cm: ConfusionMatrix,
  options: PerClassAccuracyOptions = {},
): TopLevelSpec {
  checkConfusionMatrix(cm, "per-class accuracy figure");
  const names = chartClassNames(cm.numClasses, options.classNames);
  const metrics = perClassMetrics(cm);
  const total = metrics.reduce((s, m) => s + m.support, 0);
  const correct = metrics.reduce((s, m) => s + m.recall * m.support, 0);
  const overall = total === 0 ? 0 : correct / total;
  // The overall value is in the legend label, so it can be read without a tooltip.
  const series = ["Per-class accuracy", `Overall accuracy (${(100 * overall).toFixed(1)}%)`];
  const values = metrics.map((m) => ({
    class: names[m.label]!,
    accuracy: m.recall,
    support: m.support,
    series: series[0]!,
  }));
  const x = {
    field: "class",
    type: "ordinal" as const,
    sort: names,
    title: "Class",
    axis: { labelAngle: classLabelAngle(names) },
  };
  const color = {
    field: "series",
    type: "nominal" as const,
    title: null,
    scale: { domain: series, range: ["#4c78a8", "#e45756"] },
    legend: { orient: "bottom" as const, labelLimit: 400 },
  };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title ?? "Per-class accuracy", anchor: "start", fontSize: 15 },
    background: "white",
    width: { step: 42 },
    height: options.height ?? 260,
    layer: [
      {
        data: { values },
        mark: { type: "bar" },
        encoding: {
          x,
          y: {
            field: "accuracy",
            type: "quantitative",
            title: "Accuracy",
            scale: { domain: [0, 1] },
            axis: { format: ".0%" },
          },
          color,
          tooltip: [
            { field: "class", title: "Class" },
            { field: "accuracy", title: "Accuracy", format: ".2%" },
            { field: "support", title: "Samples" },
          ],
        },
      },
      {
        data: { values },
        mark: { type: "text", dy: -6, fontSize: 10 },
        encoding: {
          x,
          y: { field: "accuracy", type: "quantitative" },
          text: { field: "accuracy", type: "quantitative", format: ".1%" },
        },
      },
      {
        data: { values: [{ accuracy: overall, series: series[1]! }] },
        mark: { type: "rule", strokeWidth: 2, strokeDash: [6, 4] },
        encoding: { y: { field: "accuracy", type: "quantitative" }, color },
      },
    ],
  };
}
