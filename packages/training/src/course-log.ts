import type { EpochRecord, PhaseMetrics } from "./history.js";

/** `train Loss: 0.4431 Acc: 87.93%`, the course's phase line. */
export function formatPhase(phase: string, m: PhaseMetrics): string {
  return `${phase} Loss: ${m.loss.toFixed(4)} Acc: ${(100 * m.accuracy).toFixed(2)}%`;
}

/** The course's lines for one epoch: header, dashes, train and val lines, blank line. */
export function formatEpoch(record: EpochRecord, lastEpoch: number): string[] {
  const lines = [`Epoch ${record.epoch}/${lastEpoch}`, "-".repeat(10), formatPhase("train", record.train)];
  if (record.val) lines.push(formatPhase("val", record.val));
  lines.push("");
  return lines;
}

/** `Training complete in 0m 7s` then `Best val Acc: 91.21%`. */
export function formatSummary(seconds: number, bestValAccuracy: number): string[] {
  const s = Math.round(seconds);
  return [
    `Training complete in ${Math.floor(s / 60)}m ${s % 60}s`,
    `Best val Acc: ${(100 * bestValAccuracy).toFixed(2)}%`,
  ];
}
