import type { SweepDetail, SweepSummary, SweepTrialInfo } from "@mlp-lab/runs/server";
import type { SweepAxis, SweepTrialPoint } from "@mlp-lab/visualization";

/** A parameter value for a table cell: layer lists as `512,256`, numbers to 4 significant digits (as `mlp sweeps show`). */
export function formatParam(value: unknown): string {
  if (value === undefined || value === null) return "-";
  if (Array.isArray(value)) return value.join(",");
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(4)));
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The sweep metric for people: accuracies in percent (2 decimals), losses to 4 decimals. */
export function formatMetric(metric: string, value: number | null): string {
  if (value === null) return "-";
  return /accuracy/.test(metric) ? `${(value * 100).toFixed(2)}%` : value.toFixed(4);
}

/** Trials that are over (completed, pruned or failed) and the planned total, e.g. `{ done: 5, total: 16 }`. */
export function trialProgress(sweep: SweepSummary): { done: number; total: number } {
  const counts = sweep.trialCounts;
  const done = (counts.completed ?? 0) + (counts.pruned ?? 0) + (counts.failed ?? 0);
  const known = Object.values(counts).reduce((sum, n) => sum + n, 0);
  return { done, total: Math.max(sweep.plannedTrials ?? known, known) };
}

/** A trial's status for the table: a pruned trial says at which ASHA rung it stopped (`pruned@3`). */
export function trialStatus(trial: SweepTrialInfo): string {
  return trial.state === "pruned" ? `pruned@${trial.lastRung ?? trial.epochs}` : trial.state;
}

/** The parallel-coordinates axes of a sweep: categorical for value lists (in listed order), log for `log_uniform`. */
export function sweepAxes(sweep: SweepDetail): SweepAxis[] {
  return sweep.parameters.map((p) =>
    p.values
      ? { name: p.name, scale: "categorical" as const, categories: p.values.map(formatParam) }
      : { name: p.name, scale: p.distribution === "log_uniform" ? ("log" as const) : ("linear" as const) },
  );
}

/** The trials the sweep figures draw: every trial that started (pending ones without a result are left out). */
export function sweepPoints(sweep: SweepDetail): SweepTrialPoint[] {
  return sweep.trials
    .filter((t) => t.state !== "pending" || t.value !== null)
    .map((t) => ({
      trial: t.number,
      params: Object.fromEntries(
        Object.entries(t.params).map(([k, v]) => [k, typeof v === "number" ? v : formatParam(v)]),
      ),
      value: t.value,
      state: t.state,
    }));
}

/** One drawn point of the parallel-coordinates chart: a trial's position (0–1) on an axis. */
export interface AxisPosition {
  trial: number;
  axis: string;
  pos: number;
}

/**
 * The value of the chart's interval selection (`brush`): the axes it spans (x is the axis name, a discrete
 * scale) and the range of positions (y, 0–1). Empty when nothing is brushed.
 */
export interface AxisBrush {
  axis?: unknown;
  pos?: unknown;
}

/**
 * The trials inside the brush: on every brushed axis, the trial's position lies within the brushed range.
 * Returns null when there is no brush (every trial shows).
 */
export function trialsInBrush(
  positions: readonly AxisPosition[],
  brush: AxisBrush | null | undefined,
): Set<number> | null {
  const axes = Array.isArray(brush?.axis) ? brush.axis.map(String) : [];
  const range = Array.isArray(brush?.pos) ? brush.pos.map(Number) : [];
  if (axes.length === 0 || range.length !== 2 || range.some((v) => !Number.isFinite(v))) return null;
  const lo = Math.min(range[0]!, range[1]!);
  const hi = Math.max(range[0]!, range[1]!);
  const outside = new Set<number>();
  const trials = new Set<number>();
  for (const p of positions) {
    trials.add(p.trial);
    if (axes.includes(p.axis) && (p.pos < lo || p.pos > hi)) outside.add(p.trial);
  }
  return new Set([...trials].filter((t) => !outside.has(t)));
}
