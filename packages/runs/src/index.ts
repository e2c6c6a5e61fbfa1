// Node entry of @mlp-lab/runs: the run store on the file system. Browser code imports "@mlp-lab/runs/schema".
export * from "./schema/index.js";
export { type ReadRunOptions, readRun, readRunSync } from "./read-run.js";
export { parseRunRecord } from "./parse-run-record.js";
export {
  listRuns,
  listRunIds,
  readRunEntry,
  type RunListEntry,
  type RunListError,
  type RunListOk,
} from "./list-runs.js";
export { filterRunEntries, type RunListFilter, runListEntryJson } from "./run-list-entries.js";
export { readMetrics, readMetricsWithLines } from "./read-metrics.js";
export { resolveRunId } from "./resolve-run-id.js";
export { removeRun, type RemoveRunOptions } from "./remove-run.js";
export { createRun, type CreateRunOptions } from "./create-run.js";
export { resumeRun, type ResumeRunOptions } from "./resume-run.js";
export { type AppendResult, type MetricsEntryInput, RunHandle, type RunUpdate } from "./run-handle.js";
export { readArtifact, writeArtifact } from "./artifacts.js";
export { writeFileAtomic, writeJsonAtomic } from "./write-file-atomic.js";
export {
  ARTIFACTS_DIR,
  artifactPath,
  CHECKPOINT_KINDS,
  CHECKPOINTS_DIR,
  type CheckpointKind,
  checkpointPath,
  isCheckpointKind,
  METRICS_FILE,
  metricsPath,
  RUN_FILE,
  runDir,
  runFilePath,
} from "./run-paths.js";
export { type MetricsSummary, foldMetrics, summarizeMetrics } from "./run-summary.js";
export { applyStaleness, isProcessAlive, isWriterGone } from "./writer-liveness.js";
export { currentHostInfo } from "./host-info.js";
