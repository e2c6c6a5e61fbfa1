import type { MetricsEntry } from "./metrics-entry.js";
import type { RunRecord } from "./run-record.js";

/** An error as the HTTP API sends it: the run store error code (or an HTTP one) and a readable message. */
export interface ApiError {
  code: string;
  message: string;
}

/** Body of every non-2xx API response. */
export interface ApiErrorResponse {
  error: ApiError;
}

/** A readable run: the record with its effective status, and whether that status came from the staleness rule. */
export interface RunOkJson {
  ok: true;
  id: string;
  run: RunRecord;
  /** True when run.json says `running` but its writer is gone, so `run.status` was reported as `interrupted`. */
  stale: boolean;
}

/** A run folder whose run.json could not be read. */
export interface RunErrorJson {
  ok: false;
  id: string;
  error: ApiError;
}

/** One entry of `GET /api/runs`. */
export type RunListEntryJson = RunOkJson | RunErrorJson;

/** `GET /api/runs`: every run folder, newest first; corrupt ones as `{ ok: false }` entries. */
export interface RunsListResponse {
  runs: RunListEntryJson[];
}

/** `GET /api/runs/:id`. */
export type RunDetailResponse = RunOkJson;

/** `GET /api/runs/:id/metrics`. */
export interface MetricsResponse {
  id: string;
  entries: MetricsEntry[];
  /** Complete lines read; pass as `?from=` to the events stream to continue without duplicates. */
  lines: number;
}

/** Data of the SSE `metrics` event: new entries, lines `[fromLine, toLine)` (0-based) of metrics.jsonl. */
export interface MetricsEventData {
  entries: MetricsEntry[];
  fromLine: number;
  toLine: number;
}

/** Data of the SSE `metrics-error` event: a complete line that is not a valid entry (skipped). */
export interface MetricsErrorEventData {
  /** 1-based line number. */
  line: number;
  message: string;
}

/**
 * The named events of `GET /api/runs/:id/events` and their JSON data:
 * - `run`: the run (sent first, then whenever run.json changes, e.g. status or summary);
 * - `run-error`: run.json became unreadable or the run was removed;
 * - `metrics`: new metrics lines;
 * - `metrics-error`: a bad line was skipped;
 * - `reset`: metrics.jsonl was rewritten (a resume dropped epochs): clear the curves, lines follow from 0.
 */
export interface RunEventMap {
  run: RunDetailResponse;
  "run-error": ApiErrorResponse;
  metrics: MetricsEventData;
  "metrics-error": MetricsErrorEventData;
  reset: Record<string, never>;
}

/** Name of a server-sent event. */
export type RunEventName = keyof RunEventMap;
