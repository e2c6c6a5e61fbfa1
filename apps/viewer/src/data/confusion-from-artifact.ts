import { type ConfusionMatrix, confusionMatrix } from "@mlp-lab/metrics";
import { ConfusionMatrixArtifactSchema, PredictionsArtifactSchema } from "@mlp-lab/runs/schema";

/** A confusion matrix with the class names that label it. */
export interface LabelledConfusion {
  matrix: ConfusionMatrix;
  classNames: string[] | undefined;
}

/** Thrown when an artifact is present but not what its name promises. */
export class ArtifactFormatError extends Error {
  override readonly name = "ArtifactFormatError";
  constructor(artifact: string, detail: string) {
    super(`artifact ${artifact} is malformed: ${detail}`);
  }
}

/** `confusion-matrix.json` (`matrix[true][pred]`) as the flat matrix the chart builders take. */
export function confusionFromArtifact(json: unknown): LabelledConfusion {
  const parsed = ConfusionMatrixArtifactSchema.safeParse(json);
  if (!parsed.success)
    throw new ArtifactFormatError("confusion-matrix.json", parsed.error.issues[0]?.message ?? "invalid");
  const n = parsed.data.matrix.length;
  return {
    matrix: { numClasses: n, counts: Int32Array.from(parsed.data.matrix.flat()) },
    classNames: parsed.data.classNames,
  };
}

/** A confusion matrix counted from `val-predictions.json`, for runs that did not write one. */
export function confusionFromPredictions(json: unknown): LabelledConfusion {
  const parsed = PredictionsArtifactSchema.safeParse(json);
  if (!parsed.success)
    throw new ArtifactFormatError("val-predictions.json", parsed.error.issues[0]?.message ?? "invalid");
  const { labels, predictions, classNames } = parsed.data;
  const n = classNames?.length ?? Math.max(0, ...labels, ...predictions) + 1;
  return { matrix: confusionMatrix(labels, predictions, n), classNames };
}
