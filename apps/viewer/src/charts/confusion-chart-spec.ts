import type { TopLevelSpec } from "vega-lite";
import type { LabelledConfusion } from "../data/confusion-from-artifact.js";

/** What a confusion-matrix cell shows: the count, or the share of its true class (row-normalised). */
export type ConfusionMode = "counts" | "normalized";

/**
 * Vega-Lite spec of a clickable confusion-matrix heatmap (true class on rows, predicted on columns) in counts
 * or row-normalised (each row sums to 100%, TensorBoard's and scikit-learn's `normalize="true"`). Every cell
 * keeps `t` and `p` (class indices) in its datum, so a click can select that cell's samples.
 */
export function confusionChartSpec(confusion: LabelledConfusion, mode: ConfusionMode): TopLevelSpec {
  const { numClasses: n, counts } = confusion.matrix;
  const names = Array.from({ length: n }, (_, i) => confusion.classNames?.[i] ?? String(i));
  const values: { t: number; p: number; true: string; predicted: string; count: number; rate: number }[] = [];
  for (let t = 0; t < n; t++) {
    let total = 0;
    for (let p = 0; p < n; p++) total += counts[t * n + p]!;
    for (let p = 0; p < n; p++) {
      const count = counts[t * n + p]!;
      values.push({
        t,
        p,
        true: names[t]!,
        predicted: names[p]!,
        count,
        rate: total > 0 ? count / total : 0,
      });
    }
  }
  const field = mode === "counts" ? "count" : "rate";
  const max = Math.max(0, ...values.map((v) => v[field]));
  const x = {
    field: "predicted",
    type: "ordinal" as const,
    sort: names,
    title: "Predicted class",
    axis: { labelAngle: names.every((s) => s.length <= 3) ? 0 : -45 },
  };
  const y = { field: "true", type: "ordinal" as const, sort: names, title: "True class" };
  const format = mode === "counts" ? "d" : ".0%";
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: {
      text: mode === "counts" ? "Confusion matrix" : "Confusion matrix (row-normalised)",
      anchor: "start",
      fontSize: 15,
    },
    data: { values },
    width: { step: 34 },
    height: { step: 34 },
    layer: [
      {
        mark: { type: "rect", cursor: "pointer" },
        encoding: {
          x,
          y,
          color: {
            field,
            type: "quantitative",
            title: mode === "counts" ? "Count" : "Share of row",
            scale: { scheme: "blues", domainMin: 0, ...(mode === "normalized" ? { domainMax: 1 } : {}) },
            legend: { format },
          },
          tooltip: [
            { field: "true", title: "True" },
            { field: "predicted", title: "Predicted" },
            { field: "count", title: "Count" },
            { field: "rate", title: "Share of row", format: ".1%" },
          ],
        },
      },
      {
        mark: { type: "text", fontSize: 10, cursor: "pointer" },
        encoding: {
          x,
          y,
          text: { field, type: "quantitative", format },
          // Light text on dark cells keeps every value readable.
          color: { condition: { test: `datum.${field} > ${max / 2}`, value: "white" }, value: "black" },
        },
      },
    ],
  };
}
