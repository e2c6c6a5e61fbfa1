import type { MetricsEntry } from "@mlp-lab/runs/schema";
import { emaSmooth } from "./ema-smoothing.js";

/** The quantities the curves panel draws: loss and accuracy per phase, and the learning rate. */
export type CurveMetric = "loss" | "accuracy" | "lr";

/** One point of a curve in long format: one row per run, phase, epoch and metric. */
export interface CurvePoint {
  run: string;
  phase: "train" | "val";
  metric: CurveMetric;
  epoch: number;
  /** Seconds since the run's first phase began (TensorBoard's "relative" wall time). */
  wall: number;
  /** As written in metrics.jsonl. */
  value: number;
  /** After EMA smoothing (equal to `value` with smoothing 0). */
  smoothed: number;
}

/** One run's metrics lines with the label its curves get. */
export interface CurveSource {
  label: string;
  entries: readonly MetricsEntry[];
}

const METRICS: readonly CurveMetric[] = ["loss", "accuracy", "lr"];

/**
 * Curve points of train and val lines: a resumed epoch written twice keeps its last line, null values (a
 * diverged loss, val lines without a learning rate) are left out rather than drawn as zero, and each
 * (run, phase) loss and accuracy series is smoothed on its own in epoch order (the learning rate is not).
 */
export function curvePoints(sources: readonly CurveSource[], smoothing: number): CurvePoint[] {
  const points: CurvePoint[] = [];
  for (const { label, entries } of sources) {
    const byKey = new Map<string, MetricsEntry>();
    for (const e of entries)
      if (e.phase === "train" || e.phase === "val") byKey.set(`${e.phase}:${e.epoch}`, e);
    const lines = [...byKey.values()].sort((a, b) => a.epoch - b.epoch);
    const starts = lines.map((e) => Date.parse(e.time) - e.seconds * 1000).filter(Number.isFinite);
    const start = starts.length > 0 ? Math.min(...starts) : 0;
    for (const phase of ["train", "val"] as const) {
      for (const metric of METRICS) {
        const series = lines.filter((e) => e.phase === phase && typeof e[metric] === "number");
        const values = series.map((e) => e[metric] as number);
        // A learning-rate schedule is set, not measured: smoothing it would only blur its steps.
        const smoothed = metric === "lr" ? values : emaSmooth(values, smoothing);
        series.forEach((e, i) => {
          const time = Date.parse(e.time);
          points.push({
            run: label,
            phase,
            metric,
            epoch: e.epoch,
            wall: Number.isFinite(time) ? Math.max(0, (time - start) / 1000) : 0,
            value: values[i]!,
            smoothed: smoothed[i]!,
          });
        });
      }
    }
  }
  return points;
}
