import type { ConfusionMatrix } from "@mlp-lab/metrics";
import { type MetricsEntry, type RunRecord, readArtifact, readMetrics } from "@mlp-lab/runs";
import { confusionSvg, curvesSvg } from "./chart-svg.js";
import { coefficientMapsSvg } from "./coefficient-maps.js";
import { VisualizationError } from "./errors.js";
import type { RunHistory } from "./history.js";
import type { ImageBatch } from "./image-batch.js";
import { misclassifiedGridSvg } from "./misclassified-grid.js";
import { sampleGridSvg } from "./sample-grid.js";
import { weightMapsSvg } from "./weight-maps.js";

/** Figures of one run, as `mlp plot --figure` names them. */
export const RUN_FIGURES = ["curves", "samples", "errors", "weights", "confusion"] as const;
/** One of {@link RUN_FIGURES}. */
export type RunFigureName = (typeof RUN_FIGURES)[number];

/** Images of a data split as a run figure needs them (an `ImageSet` of `@mlp-lab/datasets` fits). */
export interface RunImages {
  /** `count * height * width * channels` bytes, HWC row-major per image. */
  images: Uint8Array;
  /** Image width in pixels. */
  width: number;
  /** Image height in pixels. */
  height: number;
  /** 1 (grey) or 3 (RGB). */
  channels: number;
  /** Class names, index = label. */
  classNames: readonly string[];
}

/** A checkpoint's weights by PyTorch name (a `StateDict` of `@mlp-lab/models` fits). */
export type RunWeights = Readonly<Record<string, { data: Float32Array; shape: readonly number[] }>>;

/** What drawing a run's figure needs; the data and weights are loaded only by the figures that use them. */
export interface RunFigureSources {
  /** The run store folder. */
  runsDir: string;
  /** The run (from `readRun`). */
  record: RunRecord;
  /** The run's validation images, in prediction order (samples, errors, weights). */
  valSet: () => Promise<RunImages>;
  /** The best checkpoint's weights (weights). */
  weights: () => Promise<RunWeights>;
}

/** A run's training history for the curves chart, labelled for the legend. */
export function historyOf(label: string, metrics: readonly MetricsEntry[]): RunHistory {
  const records = metrics
    .filter((m): m is MetricsEntry & { phase: "train" | "val" } => m.phase === "train" || m.phase === "val")
    .map((m) => ({
      epoch: m.epoch,
      phase: m.phase,
      loss: m.loss ?? Number.NaN,
      accuracy: m.accuracy ?? Number.NaN,
    }));
  return { label, records };
}

/** Images of a set as an {@link ImageBatch}. */
export function imageBatchOf(set: RunImages): ImageBatch {
  return {
    pixels: set.images,
    width: set.width,
    height: set.height,
    channels: set.channels === 3 ? 3 : 1,
  };
}

/**
 * The first-layer weights of a model as the course draws them: the coefficient maps of a softmax
 * (linear) model, or a 4x4 grid of hidden units' incoming weights for an MLP. Grey images only.
 * @throws {VisualizationError} `INVALID_OPTION` for RGB images, `SHAPE_MISMATCH` without a first layer.
 */
export function firstLayerWeightsSvg(
  modelKind: string,
  weights: RunWeights,
  set: Omit<RunImages, "images">,
): string {
  if (set.channels !== 1)
    throw new VisualizationError(
      "INVALID_OPTION",
      "--figure weights draws grey images only (this run's data is RGB)",
    );
  const first = weights["linear1.weight"] ?? weights["linears.0.weight"];
  if (!first)
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `no first-layer weight in the checkpoint (keys: ${Object.keys(weights).join(", ")})`,
    );
  const [units, inputs] = first.shape as [number, number];
  if (modelKind === "softmax") {
    return coefficientMapsSvg(first.data, {
      numClasses: units,
      width: set.width,
      height: set.height,
      classNames: set.classNames,
    });
  }
  // PyTorch stores [units, inputs]; the figure wants a Dense kernel [inputs, units].
  const kernel = new Float32Array(inputs * units);
  for (let u = 0; u < units; u++)
    for (let i = 0; i < inputs; i++) kernel[i * units + u] = first.data[u * inputs + i]!;
  const side = Math.min(4, Math.floor(Math.sqrt(units)));
  return weightMapsSvg(kernel, { units, width: set.width, height: set.height, rows: side, cols: side });
}

async function artifact<N extends "confusion-matrix.json" | "val-predictions.json">(
  src: RunFigureSources,
  name: N,
) {
  return readArtifact(src.runsDir, src.record.id, name).catch(() => {
    throw new VisualizationError(
      "MISSING_INPUT",
      `run ${src.record.id} has no ${name} (it is written when training completes)`,
    );
  });
}

/**
 * Draw one figure of a run as SVG, from its files in the run store (metrics, confusion matrix and
 * validation predictions) and, for the image figures, its data and best weights.
 * @throws {VisualizationError} `MISSING_INPUT` when the run has not written what the figure needs yet.
 */
export async function runFigureSvg(figure: RunFigureName, src: RunFigureSources): Promise<string> {
  const { record, runsDir } = src;
  switch (figure) {
    case "curves": {
      const metrics = await readMetrics(runsDir, record.id);
      if (metrics.length === 0)
        throw new VisualizationError("MISSING_INPUT", `run ${record.id} has no metrics yet`);
      return curvesSvg(historyOf(record.name, metrics), {
        metric: "both",
        title: `${record.name}: loss and accuracy per epoch`,
      });
    }
    case "confusion": {
      const cm = await artifact(src, "confusion-matrix.json");
      const matrix = { numClasses: cm.matrix.length, counts: Int32Array.from(cm.matrix.flat()) };
      return confusionSvg(matrix as ConfusionMatrix, {
        ...(cm.classNames ? { classNames: cm.classNames } : {}),
        title: `${record.name}: confusion matrix (${cm.split})`,
      });
    }
    case "samples":
    case "errors": {
      const pred = await artifact(src, "val-predictions.json");
      const set = await src.valSet();
      // Digits are their own names; other sets (Fashion-MNIST, CIFAR-10) read better with words.
      const names = record.config.dataset === "mnist" ? undefined : pred.classNames;
      const options = {
        yTrue: pred.labels,
        yPred: pred.predictions,
        rows: 3,
        cols: 4,
        ...(names ? { classNames: names } : {}),
      };
      return figure === "samples"
        ? sampleGridSvg(imageBatchOf(set), { ...options, suptitle: `${record.name}: validation samples` })
        : misclassifiedGridSvg(imageBatchOf(set), {
            ...options,
            suptitle: `${record.name}: misclassified samples`,
          });
    }
    case "weights":
      return firstLayerWeightsSvg(record.config.model.kind, await src.weights(), await src.valSet());
  }
}

/** Training curves of several runs on one chart (the architecture comparison), labelled by run name. */
export async function overlayCurvesSvg(
  runsDir: string,
  records: readonly RunRecord[],
  title: string,
): Promise<string> {
  const names = records.map((r) => r.name);
  const histories = [];
  for (const r of records) {
    // Legends need distinct labels: fall back to the id when two runs share a name.
    const label = names.filter((n) => n === r.name).length > 1 ? r.id : r.name;
    histories.push(historyOf(label, await readMetrics(runsDir, r.id)));
  }
  return curvesSvg(histories, { metric: "both", title });
}
