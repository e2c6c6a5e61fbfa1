import { perClassMetrics } from "@mlp-lab/metrics";
import type { Module } from "@mlp-lab/models";
import type { RunHandle } from "@mlp-lab/runs";
import { evaluateModel } from "./evaluate-model.js";
import type { LoadedData } from "./load-data.js";

/** Validation predictions, confusion matrix and per-class metrics of the (best) model, as run artifacts. */
export function writeValArtifacts(run: RunHandle, model: Module, data: LoadedData): void {
  const ev = evaluateModel(model, data.val, data.info);
  const classNames = [...data.info.classNames];
  const classes = classNames.length;
  const rows: number[][] = [];
  for (let i = 0; i < ev.labels.length; i++) {
    rows.push(
      Array.from(ev.probabilities.subarray(i * classes, (i + 1) * classes), (p) => Math.round(p * 1e4) / 1e4),
    );
  }
  run.writeArtifact("val-predictions.json", {
    split: "val",
    source: data.valFrom,
    classNames,
    labels: Array.from(ev.labels),
    predictions: Array.from(ev.predictions),
    probabilities: rows,
    indices: Array.from(data.valIndices),
  });
  const matrix: number[][] = [];
  for (let t = 0; t < classes; t++)
    matrix.push(Array.from(ev.confusion.counts.subarray(t * classes, (t + 1) * classes)));
  run.writeArtifact("confusion-matrix.json", { split: "val", classNames, matrix });
  run.writeArtifact("per-class-metrics.json", {
    split: "val",
    classes: perClassMetrics(ev.confusion).map((m) => ({
      ...m,
      name: classNames[m.label] ?? String(m.label),
    })),
  });
}
