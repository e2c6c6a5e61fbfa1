import type { MetricsEntry } from "./schema/metrics-entry.js";
import type { RunSummary } from "./schema/run-record.js";

/** The part of the summary that metrics determine. */
export type MetricsSummary = Pick<RunSummary, "bestValAccuracy" | "bestEpoch" | "lastEpoch">;

/** An empty metrics summary. */
export const EMPTY_METRICS_SUMMARY: MetricsSummary = {
  bestValAccuracy: null,
  bestEpoch: null,
  lastEpoch: null,
};

/**
 * Fold one entry into a summary: `lastEpoch` is the highest epoch seen, `bestValAccuracy` the highest
 * val accuracy (first epoch wins ties, so `bestEpoch` matches the first time the best was reached).
 */
export function foldMetrics(summary: MetricsSummary, entry: MetricsEntry): MetricsSummary {
  const lastEpoch = summary.lastEpoch === null ? entry.epoch : Math.max(summary.lastEpoch, entry.epoch);
  const improves =
    entry.phase === "val" &&
    entry.accuracy !== null &&
    (summary.bestValAccuracy === null || entry.accuracy > summary.bestValAccuracy);
  return improves
    ? { bestValAccuracy: entry.accuracy, bestEpoch: entry.epoch, lastEpoch }
    : { ...summary, lastEpoch };
}

/** {@link foldMetrics} over every entry. */
export function summarizeMetrics(entries: readonly MetricsEntry[]): MetricsSummary {
  return entries.reduce(foldMetrics, EMPTY_METRICS_SUMMARY);
}
