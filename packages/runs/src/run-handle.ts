import { closeSync, fsyncSync, openSync } from "node:fs";
import { z } from "zod";
import { writeArtifact } from "./artifacts.js";
import { InvalidRecordError, RunNotRunningError } from "./errors.js";
import {
  type CheckpointKind,
  artifactPath,
  checkpointPath,
  metricsPath,
  runDir,
  runFilePath,
} from "./run-paths.js";
import { type MetricsSummary, foldMetrics } from "./run-summary.js";
import type { JsonValue, KnownArtifacts } from "./schema/artifacts.js";
import { type MetricsEntry, MetricsEntrySchema } from "./schema/metrics-entry.js";
import {
  type BackendInfo,
  type DatasetInfo,
  type RunConfigInput,
  type RunErrorInfo,
  type RunRecord,
  RunRecordSchema,
  type RunStatus,
  type RunSummary,
} from "./schema/run-record.js";
import { writeAllSync, writeJsonAtomic } from "./write-file-atomic.js";

/** A metrics line as the trainer gives it: `time` defaults to now, `lr` to null, and NaN/Infinity become null. */
export type MetricsEntryInput = Omit<
  z.input<typeof MetricsEntrySchema>,
  "time" | "loss" | "accuracy" | "lr"
> & {
  loss: number | null;
  accuracy: number | null;
  lr?: number | null;
  time?: string;
};

/** What {@link RunHandle.appendMetrics} reports. */
export interface AppendResult {
  /** The line as written. */
  entry: MetricsEntry;
  /** True when this is a val entry with a new best accuracy: time to save the `best` checkpoint. */
  newBest: boolean;
}

/** Fields {@link RunHandle.update} may change. Status, times, id and writer change only through the methods. */
export interface RunUpdate {
  name?: string;
  config?: RunConfigInput;
  dataset?: DatasetInfo | null;
  packages?: Record<string, string>;
  backend?: BackendInfo | null;
  /** Merged into the current summary. */
  summary?: Partial<RunSummary>;
  tags?: string[];
}

function finiteOrNull(value: number | null | undefined): number | null {
  return value === null || value === undefined || !Number.isFinite(value) ? null : value;
}

function describeError(error: unknown): RunErrorInfo {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return {
      message: error.message,
      name: error.name,
      ...(typeof code === "string" ? { code } : {}),
      ...(error.stack ? { stack: error.stack } : {}),
    };
  }
  return { message: String(error) };
}

/**
 * The writer's side of one run, from {@link createRun} or {@link resumeRun}. Every method is synchronous
 * so it can run inside a SIGINT handler and so lines and records are on disk, in order, when it returns.
 * One process writes a run at a time.
 */
export class RunHandle {
  /** The runs folder, absolute. */
  readonly runsDir: string;
  /** The run id (its folder name). */
  readonly id: string;
  #record: RunRecord;
  #metricsFd: number | undefined;
  // Wall time is summed over sessions: what earlier sessions recorded plus this one's elapsed time.
  readonly #sessionStart: number;
  readonly #earlierSeconds: number;

  /** @internal Use {@link createRun} or {@link resumeRun}. */
  constructor(runsDir: string, record: RunRecord, sessionStart: number = Date.now()) {
    this.runsDir = runsDir;
    this.id = record.id;
    this.#record = record;
    this.#sessionStart = sessionStart;
    this.#earlierSeconds = record.summary.durationSeconds;
  }

  /** The run folder. */
  get dir(): string {
    return runDir(this.runsDir, this.id);
  }

  /** A copy of the record as last written. */
  get record(): RunRecord {
    return structuredClone(this.#record);
  }

  /** The current status. */
  get status(): RunStatus {
    return this.#record.status;
  }

  /**
   * Append one metrics line to metrics.jsonl and fsync it, so a reader (or a crash) sees whole lines in
   * order. Updates the summary (`lastEpoch`, `bestValAccuracy`, `bestEpoch`, `durationSeconds`) and
   * rewrites run.json when it changed. Throws {@link InvalidRecordError} for an invalid entry and
   * {@link RunNotRunningError} once the run has ended.
   */
  appendMetrics(input: MetricsEntryInput): AppendResult {
    const [result] = this.appendMetricsLines([input]);
    return result!;
  }

  /**
   * Append several metrics lines (an epoch's train and val phases) in ONE write and one fsync: a crash
   * leaves all of them or none (a half-written tail is dropped by readers and by `resumeRun`), never an
   * epoch with its train line but not its val line. Same validation and summary updates as
   * {@link RunHandle.appendMetrics}; returns one result per input, in order.
   */
  appendMetricsLines(inputs: readonly MetricsEntryInput[]): AppendResult[] {
    this.#assertRunning("append metrics to");
    const entries = inputs.map((input) => {
      const parsed = MetricsEntrySchema.safeParse({
        ...input,
        loss: finiteOrNull(input.loss),
        accuracy: finiteOrNull(input.accuracy),
        lr: finiteOrNull(input.lr),
        time: input.time ?? new Date().toISOString(),
      });
      if (!parsed.success) throw new InvalidRecordError("metrics entry", z.prettifyError(parsed.error));
      return parsed.data;
    });
    if (entries.length === 0) return [];
    if (this.#metricsFd === undefined) this.#metricsFd = openSync(metricsPath(this.runsDir, this.id), "a");
    // One write for all lines: readers treat text after the last newline as a line still being written.
    const text = entries.map((entry) => `${JSON.stringify(entry)}\n`).join("");
    writeAllSync(this.#metricsFd, Buffer.from(text, "utf8"));
    fsyncSync(this.#metricsFd);

    const results: AppendResult[] = [];
    let summary: MetricsSummary = this.#record.summary;
    const start = summary;
    for (const entry of entries) {
      const after = foldMetrics(summary, entry);
      const newBest =
        after.bestEpoch !== summary.bestEpoch || after.bestValAccuracy !== summary.bestValAccuracy;
      results.push({ entry, newBest });
      summary = after;
    }
    if (
      summary.bestEpoch !== start.bestEpoch ||
      summary.bestValAccuracy !== start.bestValAccuracy ||
      summary.lastEpoch !== start.lastEpoch
    )
      this.#write({ summary: { ...this.#record.summary, ...summary } });
    return results;
  }

  /** Change descriptive fields (see {@link RunUpdate}) and rewrite run.json; validated ({@link InvalidRecordError}). */
  update(patch: RunUpdate): RunRecord {
    const { summary, ...rest } = patch;
    return this.#write({ ...rest, ...(summary ? { summary: { ...this.#record.summary, ...summary } } : {}) });
  }

  /** Mark the run `completed`, merge `summary` (e.g. `parameters`) and close it. */
  complete(summary: Partial<RunSummary> = {}): RunRecord {
    return this.#end("completed", "complete", { summary: { ...this.#record.summary, ...summary } });
  }

  /** Mark the run `failed` with the error's message, name, code and stack, and close it. */
  fail(error: unknown): RunRecord {
    return this.#end("failed", "fail", { error: describeError(error) });
  }

  /** Mark the run `interrupted` (Ctrl-C) and close it; {@link resumeRun} continues it. */
  interrupt(): RunRecord {
    return this.#end("interrupted", "interrupt", {});
  }

  /** Path of artifact `name` in `<run>/artifacts/` (validated plain file name). */
  artifactPath(name: string): string {
    return artifactPath(this.runsDir, this.id, name);
  }

  /** Folder of checkpoint `which` in `<run>/checkpoints/`; the trainer saves the model files there. */
  checkpointPath(which: CheckpointKind): string {
    return checkpointPath(this.runsDir, this.id, which);
  }

  /** Write a JSON artifact atomically (well-known names are validated); returns its path. */
  writeArtifact<N extends keyof KnownArtifacts>(name: N, data: KnownArtifacts[N]): string;
  writeArtifact(name: string, data: JsonValue): string;
  writeArtifact(name: string, data: JsonValue): string {
    return writeArtifact(this.runsDir, this.id, name, data);
  }

  /** Close the metrics file. Called by complete/fail/interrupt; safe to call twice. */
  close(): void {
    if (this.#metricsFd === undefined) return;
    closeSync(this.#metricsFd);
    this.#metricsFd = undefined;
  }

  #assertRunning(action: string): void {
    if (this.#record.status !== "running") throw new RunNotRunningError(this.id, this.#record.status, action);
  }

  #end(status: RunStatus, action: string, patch: Partial<RunRecord>): RunRecord {
    this.#assertRunning(action);
    const record = this.#write({ ...patch, status, endedAt: new Date().toISOString() });
    this.close();
    return record;
  }

  #write(patch: Partial<RunRecord> | RunUpdate): RunRecord {
    const merged = { ...this.#record, ...patch } as Record<string, unknown> & { summary: RunSummary };
    if (this.#record.status === "running") {
      const elapsed = (Date.now() - this.#sessionStart) / 1000;
      merged.summary = { ...merged.summary, durationSeconds: this.#earlierSeconds + elapsed };
    }
    const parsed = RunRecordSchema.safeParse(merged);
    if (!parsed.success)
      throw new InvalidRecordError(`run record for ${this.id}`, z.prettifyError(parsed.error));
    writeJsonAtomic(runFilePath(this.runsDir, this.id), parsed.data);
    this.#record = parsed.data;
    return this.record;
  }
}
