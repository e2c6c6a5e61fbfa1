import type { ImageSet } from "@mlp-lab/datasets";
import type { ConfusionMatrix } from "@mlp-lab/metrics";
import type { StateDict } from "@mlp-lab/models";
import { type MetricsEntry, type RunRecord, readArtifact, readMetrics } from "@mlp-lab/runs";
import {
  type RunHistory,
  coefficientMapsSvg,
  confusionSvg,
  curvesSvg,
  misclassifiedGridSvg,
  sampleGridSvg,
  weightMapsSvg,
} from "@mlp-lab/visualization";
import { UsageError } from "./cli-error.js";

/** Figures `mlp plot` draws. */
export const FIGURES = ["curves", "samples", "errors", "weights", "confusion"] as const;
/** One of {@link FIGURES}. */
export type FigureName = (typeof FIGURES)[number];

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

/** A confusion matrix from its artifact's rows. */
export function confusionOf(matrix: readonly (readonly number[])[]): ConfusionMatrix {
  const n = matrix.length;
  return { numClasses: n, counts: Int32Array.from(matrix.flat()) } as ConfusionMatrix;
}

/** Images of a set as the visualization package's batch. */
export function batchOf(set: ImageSet) {
  return {
    pixels: set.images,
    width: set.width,
    height: set.height,
    channels: set.channels === 3 ? (3 as const) : (1 as const),
  };
}

/**
 * The first-layer weights of a model as the course draws them: the coefficient maps of a softmax
 * (linear) model, or a 4x4 grid of hidden units' incoming weights for an MLP. Grey 28x28 inputs only.
 */
export function weightsSvg(
  kind: string,
  state: StateDict,
  set: Pick<ImageSet, "width" | "height" | "channels" | "classNames">,
): string {
  if (set.channels !== 1)
    throw new UsageError("--figure weights draws grey images only (this run's data is RGB)");
  const first = state["linear1.weight"] ?? state["linears.0.weight"];
  if (!first)
    throw new UsageError(`no first-layer weight in the checkpoint (keys: ${Object.keys(state).join(", ")})`);
  const [units, inputs] = first.shape as [number, number];
  if (kind === "softmax") {
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

/** What drawing a run's figure needs, loaded lazily by the caller. */
export interface FigureSources {
  runsDir: string;
  record: RunRecord;
  /** The run's validation images, in prediction order (for samples and errors). */
  valSet: () => Promise<ImageSet>;
  /** The best checkpoint's weights (for weights). */
  weights: () => Promise<StateDict>;
}

/** Draw one figure of a run as SVG. */
export async function runFigureSvg(figure: FigureName, src: FigureSources): Promise<string> {
  const { record, runsDir } = src;
  switch (figure) {
    case "curves": {
      const metrics = await readMetrics(runsDir, record.id);
      if (metrics.length === 0) throw new UsageError(`run ${record.id} has no metrics yet`);
      return curvesSvg(historyOf(record.name, metrics), {
        metric: "both",
        title: `${record.name}: loss and accuracy per epoch`,
      });
    }
    case "confusion": {
      const cm = await readArtifact(runsDir, record.id, "confusion-matrix.json").catch(() => {
        throw new UsageError(
          `run ${record.id} has no confusion-matrix.json (it is written when training completes)`,
        );
      });
      return confusionSvg(confusionOf(cm.matrix), {
        ...(cm.classNames ? { classNames: cm.classNames } : {}),
        title: `${record.name}: confusion matrix (${cm.split})`,
      });
    }
    case "samples":
    case "errors": {
      const pred = await readArtifact(runsDir, record.id, "val-predictions.json").catch(() => {
        throw new UsageError(
          `run ${record.id} has no val-predictions.json (it is written when training completes)`,
        );
      });
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
        ? sampleGridSvg(batchOf(set), { ...options, suptitle: `${record.name}: validation samples` })
        : misclassifiedGridSvg(batchOf(set), {
            ...options,
            suptitle: `${record.name}: misclassified samples`,
          });
    }
    case "weights": {
      const set = await src.valSet();
      return weightsSvg(record.config.model.kind, await src.weights(), set);
    }
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
