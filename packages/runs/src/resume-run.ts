import { readFileSync } from "node:fs";
import { hostname } from "node:os";
import { resolve } from "node:path";
import { RunInUseError } from "./errors.js";
import { currentHostInfo, currentWriter } from "./host-info.js";
import { parseMetricsText, parseTrailingMetricsLine } from "./metrics-lines.js";
import { readRunSync } from "./read-run.js";
import { RunHandle } from "./run-handle.js";
import { metricsPath, runFilePath } from "./run-paths.js";
import { summarizeMetrics } from "./run-summary.js";
import { type RunRecord, RunRecordSchema } from "./schema/run-record.js";
import { writeFileAtomic, writeJsonAtomic } from "./write-file-atomic.js";
import { isWriterGone } from "./writer-liveness.js";

/** Options of {@link resumeRun}. */
export interface ResumeRunOptions {
  /**
   * The epoch of the checkpoint training restarts from: metrics of later epochs are dropped so they are
   * not recorded twice. Omit (or null) to keep every complete line.
   */
  fromEpoch?: number | null;
  /** Take over a run whose writer still looks alive on this host. Default false. */
  force?: boolean;
}

function readMetricsText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return "";
    throw error;
  }
}

/**
 * Reopen run `id` (exact id) for writing, e.g. `mlp train --resume`: status back to `running`, this process
 * as writer, `endedAt` and `error` cleared, a `resumes` entry added. metrics.jsonl is rewritten atomically
 * without lines after `fromEpoch`, invalid lines and any half-written last line, so appends continue on a
 * clean file; the summary is recomputed from what is kept. Any status can be resumed (a completed run to
 * train more epochs). Throws {@link RunInUseError} when the run is `running` with a live writer, unless `force`.
 */
export function resumeRun(runsDir: string, id: string, options: ResumeRunOptions = {}): RunHandle {
  const root = resolve(runsDir);
  const old = readRunSync(root, id);
  if (old.status === "running" && !isWriterGone(old.writer, hostname()) && !options.force) {
    throw new RunInUseError(id, old.writer, "resume");
  }
  const fromEpoch = options.fromEpoch ?? null;
  const path = metricsPath(root, id);
  const parsed = parseMetricsText(readMetricsText(path));
  const trailing = parseTrailingMetricsLine(parsed.rest);
  const all = trailing ? [...parsed.entries, trailing] : parsed.entries;
  const kept = fromEpoch === null ? all : all.filter((e) => e.epoch <= fromEpoch);
  writeFileAtomic(path, kept.map((e) => `${JSON.stringify(e)}\n`).join(""));

  const record: RunRecord = RunRecordSchema.parse({
    ...old,
    status: "running",
    endedAt: null,
    error: null,
    host: currentHostInfo(),
    writer: currentWriter(),
    summary: { ...old.summary, ...summarizeMetrics(kept) },
    resumes: [...old.resumes, { at: new Date().toISOString(), fromEpoch }],
  });
  writeJsonAtomic(runFilePath(root, id), record);
  return new RunHandle(root, record);
}
