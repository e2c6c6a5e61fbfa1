import { z } from "zod";

/** File names of the JSON artifacts every tool agrees on, in `<run>/artifacts/`. */
export const ARTIFACT_NAMES = {
  valPredictions: "val-predictions.json",
  confusionMatrix: "confusion-matrix.json",
  perClassMetrics: "per-class-metrics.json",
  sampleIndices: "sample-indices.json",
} as const;

/** Predictions on the validation set: true label, predicted label and optionally the probability rows. */
export const PredictionsArtifactSchema = z
  .looseObject({
    split: z.enum(["train", "val", "test"]).default("val"),
    /** Class names by index, when the data set has them. */
    classNames: z.array(z.string()).optional(),
    labels: z.array(z.int().nonnegative()),
    predictions: z.array(z.int().nonnegative()),
    /** One row of class probabilities per sample. */
    probabilities: z.array(z.array(z.number())).optional(),
    /** Index of each sample in its split, so the viewer can show the image. */
    indices: z.array(z.int().nonnegative()).optional(),
  })
  .refine((p) => p.labels.length === p.predictions.length, "labels and predictions differ in length")
  .refine(
    (p) => p.probabilities === undefined || p.probabilities.length === p.labels.length,
    "probabilities has a different number of rows than labels",
  );

/** A confusion matrix: `matrix[trueClass][predictedClass]` counts. */
export const ConfusionMatrixArtifactSchema = z
  .looseObject({
    split: z.enum(["train", "val", "test"]).default("val"),
    classNames: z.array(z.string()).optional(),
    matrix: z.array(z.array(z.int().nonnegative())),
  })
  .refine((c) => c.matrix.every((row) => row.length === c.matrix.length), "matrix is not square");

/** Precision, recall, F1 and support of each class. */
export const PerClassMetricsArtifactSchema = z.looseObject({
  split: z.enum(["train", "val", "test"]).default("val"),
  classes: z.array(
    z.looseObject({
      label: z.int().nonnegative(),
      name: z.string().optional(),
      precision: z.number(),
      recall: z.number(),
      f1: z.number(),
      support: z.int().nonnegative(),
    }),
  ),
});

/** Indices of samples picked for galleries (per class, misclassified…), by group name. */
export const SampleIndicesArtifactSchema = z.looseObject({
  split: z.enum(["train", "val", "test"]).default("val"),
  groups: z.record(z.string(), z.array(z.int().nonnegative())),
});

/** Validation predictions artifact. */
export type PredictionsArtifact = z.infer<typeof PredictionsArtifactSchema>;
/** Confusion matrix artifact. */
export type ConfusionMatrixArtifact = z.infer<typeof ConfusionMatrixArtifactSchema>;
/** Per-class metrics artifact. */
export type PerClassMetricsArtifact = z.infer<typeof PerClassMetricsArtifactSchema>;
/** Sample indices artifact. */
export type SampleIndicesArtifact = z.infer<typeof SampleIndicesArtifactSchema>;

/** Schema of each well-known artifact, by file name: writers validate against it, readers may too. */
export const KNOWN_ARTIFACT_SCHEMAS = {
  [ARTIFACT_NAMES.valPredictions]: PredictionsArtifactSchema,
  [ARTIFACT_NAMES.confusionMatrix]: ConfusionMatrixArtifactSchema,
  [ARTIFACT_NAMES.perClassMetrics]: PerClassMetricsArtifactSchema,
  [ARTIFACT_NAMES.sampleIndices]: SampleIndicesArtifactSchema,
} as const;

/** The type of each well-known artifact (input shape: defaults may be left out), by file name. */
export type KnownArtifacts = {
  [K in keyof typeof KNOWN_ARTIFACT_SCHEMAS]: z.input<(typeof KNOWN_ARTIFACT_SCHEMAS)[K]>;
};

/** Any JSON value. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
