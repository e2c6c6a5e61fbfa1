import { z } from "zod";

/** The phases a metrics line can belong to. */
export const METRICS_PHASES = ["train", "val", "test"] as const;

// JSON has no NaN or Infinity: a diverged loss is written as null.
const finiteOrNull = z.number().nullable();

/** One line of metrics.jsonl: the result of one phase of one epoch. Extra keys (rssBytes, numTensors…) are kept. */
export const MetricsEntrySchema = z.looseObject({
  /** Epoch number as the trainer counts it (`@mlp-lab/training` counts from 0 across resumes). */
  epoch: z.int().nonnegative(),
  phase: z.enum(METRICS_PHASES),
  /** Mean loss over the phase; null when it was not finite. */
  loss: finiteOrNull,
  /** Accuracy in [0, 1]; null when not computed. */
  accuracy: z.number().min(0).max(1).nullable(),
  /** Learning rate in effect; null for phases without one. */
  lr: finiteOrNull.default(null),
  /** Wall time of the phase. */
  seconds: z.number().nonnegative(),
  /** Samples seen in the phase. */
  samples: z.int().nonnegative(),
  /** When the line was written (ISO 8601). */
  time: z.iso.datetime({ offset: true }),
});

/** A validated metrics line. */
export type MetricsEntry = z.infer<typeof MetricsEntrySchema>;
/** Metrics phase. */
export type MetricsPhase = (typeof METRICS_PHASES)[number];
