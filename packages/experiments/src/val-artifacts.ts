import { perClassMetrics } from "@mlp-lab/metrics";
import type { Module } from "@mlp-lab/models";
import type { JsonValue } from "@mlp-lab/runs/schema";
import { evaluateModel } from "./evaluate-model.js";
import type { ExperimentData } from "./experiment-sets.js";

/** The viewer's gallery artifact (apps/viewer/README.md, `sample-images.json`). */
export const SAMPLE_IMAGES_ARTIFACT = "sample-images.json";
/** Samples shown in the viewer's "sample predictions" grid: the first ones of the validation set. */
export const FIRST_SAMPLES = 12;
/** Misclassified samples saved after the first ones, for the viewer's misclassified gallery. */
export const MAX_MISCLASSIFIED = 24;

/** Which validation rows go into `sample-images.json`: the first `first`, then up to `errors` more misclassified. */
export function sampleRows(
  labels: ArrayLike<number>,
  predictions: ArrayLike<number>,
  first = FIRST_SAMPLES,
  errors = MAX_MISCLASSIFIED,
): number[] {
  const rows: number[] = [];
  const n = labels.length;
  for (let i = 0; i < Math.min(first, n); i++) rows.push(i);
  let wrong = 0;
  for (let i = rows.length; i < n && wrong < errors; i++) {
    if (labels[i] !== predictions[i]) {
      rows.push(i);
      wrong++;
    }
  }
  return rows;
}

/**
 * Validation predictions, confusion matrix, per-class metrics and sample images (the first validation
 * samples, then misclassified ones) of the (best) model, as run artifacts by file name.
 */
export function valArtifacts(
  model: Module,
  data: Pick<ExperimentData, "info" | "val" | "valFrom" | "valIndices">,
  normalize: { mean: number[]; std: number[] },
): Record<string, JsonValue> {
  const ev = evaluateModel(model, data.val, normalize);
  const classNames = [...data.info.classNames];
  const classes = classNames.length;
  const rows: number[][] = [];
  for (let i = 0; i < ev.labels.length; i++) {
    rows.push(
      Array.from(ev.probabilities.subarray(i * classes, (i + 1) * classes), (p) => Math.round(p * 1e4) / 1e4),
    );
  }
  // The run store does not hold the data set: the viewer's galleries can draw only the pixels saved here.
  const { val } = data;
  const per = val.height * val.width * val.channels;
  const artifacts: Record<string, JsonValue> = {};
  artifacts[SAMPLE_IMAGES_ARTIFACT] = {
    split: "val",
    source: data.valFrom,
    width: val.width,
    height: val.height,
    channels: val.channels,
    classNames,
    samples: sampleRows(ev.labels, ev.predictions).map((i) => ({
      index: data.valIndices[i]!,
      row: i,
      label: ev.labels[i]!,
      prediction: ev.predictions[i]!,
      probabilities: rows[i]!,
      pixels: Array.from(val.images.subarray(i * per, (i + 1) * per)),
    })),
  };
  artifacts["val-predictions.json"] = {
    split: "val",
    source: data.valFrom,
    classNames,
    labels: Array.from(ev.labels),
    predictions: Array.from(ev.predictions),
    probabilities: rows,
    indices: Array.from(data.valIndices),
  };
  const matrix: number[][] = [];
  for (let t = 0; t < classes; t++)
    matrix.push(Array.from(ev.confusion.counts.subarray(t * classes, (t + 1) * classes)));
  artifacts["confusion-matrix.json"] = { split: "val", classNames, matrix };
  artifacts["per-class-metrics.json"] = {
    split: "val",
    classes: perClassMetrics(ev.confusion).map((m) => ({
      ...m,
      name: classNames[m.label] ?? String(m.label),
    })),
  };
  return artifacts;
}
