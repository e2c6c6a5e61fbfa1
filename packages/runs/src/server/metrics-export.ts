import type { ServerResponse } from "node:http";
import { readMetrics } from "../read-metrics.js";
import { METRICS_PHASES, type MetricsEntry } from "../schema/metrics-entry.js";

/** Formats of `GET /api/runs/:id/metrics.csv` and `.json`. */
export type MetricsExportFormat = "csv" | "json";

/** The columns every metrics line has, in the order the CSV writes them; extra keys follow, sorted. */
export const METRICS_EXPORT_COLUMNS = [
  "epoch",
  "phase",
  "loss",
  "accuracy",
  "lr",
  "seconds",
  "samples",
  "time",
];

/**
 * One entry per epoch and phase, ordered by epoch then train, val, test. An epoch written twice (a resumed
 * run that re-ran it) keeps its last line, as the run's summary and the viewer's curves do.
 */
export function metricsExportRows(entries: readonly MetricsEntry[]): MetricsEntry[] {
  const byKey = new Map<string, MetricsEntry>();
  for (const entry of entries) {
    const key = `${entry.epoch}:${entry.phase}`;
    byKey.delete(key); // re-insert so the map keeps the last line
    byKey.set(key, entry);
  }
  const phaseOrder = (e: MetricsEntry) => METRICS_PHASES.indexOf(e.phase);
  return [...byKey.values()].sort((a, b) => a.epoch - b.epoch || phaseOrder(a) - phaseOrder(b));
}

function csvField(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "object" ? JSON.stringify(value) : String(value);
  // RFC 4180: quote fields holding a comma, quote or line break; double the quotes inside.
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The rows as CSV (RFC 4180, CRLF line ends, header first); null values are empty fields. */
export function metricsCsv(rows: readonly MetricsEntry[]): string {
  const extra = [...new Set(rows.flatMap((r) => Object.keys(r)))]
    .filter((k) => !METRICS_EXPORT_COLUMNS.includes(k))
    .sort();
  const columns = [...METRICS_EXPORT_COLUMNS, ...extra];
  const lines = [columns.join(",")];
  for (const row of rows) {
    const record = row as Record<string, unknown>;
    lines.push(columns.map((c) => csvField(record[c])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

/** Answer a metrics export request: the run's metrics.jsonl as a CSV or JSON download. */
export async function sendMetricsExport(
  res: ServerResponse,
  runsDir: string,
  id: string,
  format: MetricsExportFormat,
): Promise<void> {
  const rows = metricsExportRows(await readMetrics(runsDir, id));
  const body = format === "csv" ? metricsCsv(rows) : `${JSON.stringify(rows, null, 2)}\n`;
  res.writeHead(200, {
    "content-type": format === "csv" ? "text/csv; charset=utf-8" : "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(body),
    "content-disposition": `attachment; filename="${id}-metrics.${format}"`,
    "cache-control": "no-store",
    "x-content-type-options": "nosniff",
  });
  res.end(body);
}
