// Browser-safe entry (`@mlp-lab/runs/schema`): schemas, types and pure helpers, no node: imports.
export * from "./run-record.js";
export * from "./metrics-entry.js";
export * from "./artifacts.js";
export type * from "./api.js";
export {
  type InvalidMetricsLine,
  type ParsedMetrics,
  parseMetricsText,
  parseTrailingMetricsLine,
} from "../metrics-lines.js";
export {
  isValidRunId,
  MAX_NAME_LENGTH,
  newRunId,
  slugify,
  validateFileName,
  validateRunId,
} from "../run-id.js";
export * from "../errors.js";
export { migrateRunRecord } from "./migrate-run-record.js";
export { type MetricsSummary, foldMetrics, summarizeMetrics } from "../run-summary.js";
