import type { MetricsEntry } from "@mlp-lab/runs/schema";
import type { EpochRecord, RunHistory } from "@mlp-lab/visualization";

/**
 * A run's metrics lines as the history `@mlp-lab/visualization`'s `curvesSpec` draws: train and val phases
 * only, lines with a null loss or accuracy (a diverged epoch) left out rather than drawn as zero. A resumed
 * epoch written twice keeps its last line.
 */
export function metricsHistory(label: string, entries: readonly MetricsEntry[]): RunHistory {
  const byKey = new Map<string, EpochRecord>();
  for (const e of entries) {
    if (e.phase !== "train" && e.phase !== "val") continue;
    if (e.loss === null || e.accuracy === null) continue;
    byKey.set(`${e.phase}:${e.epoch}`, {
      epoch: e.epoch,
      phase: e.phase,
      loss: e.loss,
      accuracy: e.accuracy,
    });
  }
  return { label, records: [...byKey.values()] };
}

/** The newest line of each phase, for the live status line. */
export function latestByPhase(
  entries: readonly MetricsEntry[],
): Partial<Record<MetricsEntry["phase"], MetricsEntry>> {
  const latest: Partial<Record<MetricsEntry["phase"], MetricsEntry>> = {};
  for (const e of entries) latest[e.phase] = e;
  return latest;
}

/** Epochs with a train or val line, whatever number the trainer starts counting from. */
export function epochsDone(entries: readonly MetricsEntry[]): number {
  return new Set(entries.filter((e) => e.phase === "train" || e.phase === "val").map((e) => e.epoch)).size;
}
