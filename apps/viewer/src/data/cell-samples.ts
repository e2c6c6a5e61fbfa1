import { PredictionsArtifactSchema } from "@mlp-lab/runs/schema";
import { type LabelledBatch, sampleBatch } from "./sample-images.js";

/** One sample of a confusion-matrix cell: its index in the split and the model's confidence. */
export interface CellSample {
  index: number;
  confidence: number | null;
}

/** The samples of the cell (true class `t`, predicted `p`), from the run's prediction artifacts. */
export interface CellSamples {
  /** Every sample of the cell in val-predictions.json (empty when the run saved none). */
  rows: CellSample[];
  /** Images of the cell's samples that sample-images.json holds, as one batch; null when there are none. */
  images: LabelledBatch | null;
  /** Positions of those images in `images.batch`. */
  imageIndices: number[];
}

/** Select one confusion-matrix cell's samples from `val-predictions.json` and `sample-images.json`. */
export function cellSamples(
  predictionsJson: unknown,
  imagesJson: unknown,
  t: number,
  p: number,
): CellSamples {
  const rows: CellSample[] = [];
  if (predictionsJson !== null) {
    const parsed = PredictionsArtifactSchema.safeParse(predictionsJson);
    if (parsed.success) {
      const { labels, predictions, probabilities, indices } = parsed.data;
      labels.forEach((label, i) => {
        if (label === t && predictions[i] === p)
          rows.push({ index: indices?.[i] ?? i, confidence: probabilities?.[i]?.[p] ?? null });
      });
    }
  }
  let images: LabelledBatch | null = null;
  let imageIndices: number[] = [];
  if (imagesJson !== null) {
    images = sampleBatch(imagesJson);
    const batch = images;
    imageIndices = batch.yTrue.map((_, i) => i).filter((i) => batch.yTrue[i] === t && batch.yPred[i] === p);
    if (imageIndices.length === 0) images = null;
  }
  return { rows, images, imageIndices };
}
