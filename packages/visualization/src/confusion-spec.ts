import type { ConfusionMatrix } from "@mlp-lab/metrics";
import type { TopLevelSpec } from "vega-lite";
import { VisualizationError } from "./errors.js";
import { checkConfusionMatrix } from "./validate.js";

/** Options of the confusion-matrix heatmap. */
export interface ConfusionOptions {
  /** Names of the classes in index order; "0", "1", ... by default. */
  classNames?: readonly string[];
  /** Chart title. */
  title?: string;
  /** Side of one cell in pixels. */
  cellSize?: number;
}

/** Class names for a chart, checked against the number of classes. */
export function chartClassNames(numClasses: number, names: readonly string[] | undefined): string[] {
  if (names && names.length !== numClasses) {
    throw new VisualizationError("SHAPE_MISMATCH", `${names.length} class names for ${numClasses} classes`);
  }
  if (names && new Set(names).size !== names.length) {
    throw new VisualizationError("INVALID_OPTION", `class names must be distinct, got ${names.join(", ")}`);
  }
  return names ? [...names] : Array.from({ length: numClasses }, (_, i) => String(i));
}

/** Axis labels upright for short names such as digits, slanted for long ones such as "automobile". */
export function classLabelAngle(names: readonly string[]): number {
  return names.every((n) => n.length <= 3) ? 0 : -45;
}

/**
 * Vega-Lite spec of a confusion-matrix heatmap: true class on rows, predicted class on columns, the count
 * written in every cell, a colour legend for counts.
 */
export function confusionSpec(cm: ConfusionMatrix, options: ConfusionOptions = {}): TopLevelSpec {
  checkConfusionMatrix(cm, "confusion matrix figure");
  const n = cm.numClasses;
  if (cm.counts.length !== n * n) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `a ${n}-class confusion matrix needs ${n * n} counts, got ${cm.counts.length}`,
    );
  }
  const names = chartClassNames(n, options.classNames);
  const values: { true: string; predicted: string; count: number }[] = [];
  let max = 0;
  for (let t = 0; t < n; t++) {
    for (let p = 0; p < n; p++) {
      const count = cm.counts[t * n + p]!;
      max = Math.max(max, count);
      values.push({ true: names[t]!, predicted: names[p]!, count });
    }
  }
  const step = options.cellSize ?? 38;
  const x = {
    field: "predicted",
    type: "ordinal" as const,
    sort: names,
    title: "Predicted class",
    axis: { labelAngle: classLabelAngle(names) },
  };
  const y = { field: "true", type: "ordinal" as const, sort: names, title: "True class" };
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: { text: options.title ?? "Confusion matrix", anchor: "start", fontSize: 15 },
    background: "white",
    data: { values },
    width: { step },
    height: { step },
    layer: [
      {
        mark: { type: "rect" },
        encoding: {
          x,
          y,
          color: {
            field: "count",
            type: "quantitative",
            title: "Count",
            scale: { scheme: "blues", domainMin: 0 },
            legend: { format: "d", tickMinStep: 1 },
          },
          tooltip: [
            { field: "true", title: "True" },
            { field: "predicted", title: "Predicted" },
            { field: "count", title: "Count" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: step >= 34 ? 11 : 9 },
        encoding: {
          x,
          y,
          text: { field: "count", type: "quantitative", format: "d" },
          // Light text on dark cells keeps every count readable.
          color: { condition: { test: `datum.count > ${max / 2}`, value: "white" }, value: "black" },
        },
      },
    ],
  };
}
