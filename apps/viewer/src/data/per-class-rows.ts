import { perClassMetrics } from "@mlp-lab/metrics";
import { PerClassMetricsArtifactSchema } from "@mlp-lab/runs/schema";
import { ArtifactFormatError, type LabelledConfusion } from "./confusion-from-artifact.js";

/** One class's precision, recall, F1 and support, named. */
export interface PerClassRow {
  label: number;
  name: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

/** Rows of `per-class-metrics.json`. */
export function perClassFromArtifact(json: unknown): PerClassRow[] {
  const parsed = PerClassMetricsArtifactSchema.safeParse(json);
  if (!parsed.success)
    throw new ArtifactFormatError("per-class-metrics.json", parsed.error.issues[0]?.message ?? "invalid");
  return parsed.data.classes.map((c) => ({ ...c, name: c.name ?? String(c.label) }));
}

/** Rows computed from a confusion matrix with `@mlp-lab/metrics`, for runs without the artifact. */
export function perClassFromConfusion({ matrix, classNames }: LabelledConfusion): PerClassRow[] {
  return perClassMetrics(matrix).map((m) => ({ ...m, name: classNames?.[m.label] ?? String(m.label) }));
}
