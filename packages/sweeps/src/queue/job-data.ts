import type { TrialOutcome, TrialRequest } from "../trial-runner.js";

/** Data of a BullMQ trial job: one segment of one trial. */
export interface TrialJobData {
  request: TrialRequest;
}

/** Return value of a trial job; the run's files are in the trial's Redis snapshot. */
export interface TrialJobResult {
  outcome: TrialOutcome;
  /** Worker that finished it (`host:pid`). */
  worker: string;
  /** Bytes of the final snapshot. */
  bytes: number;
}

/** What a worker reports while a job runs (BullMQ job progress). */
export interface TrialJobProgress {
  kind: "started" | "epoch";
  runId: string;
  worker: string;
  /** Epoch metrics, for `epoch`. */
  metrics?: import("../trial-runner.js").EpochMetrics;
  /** run.json and metrics.jsonl as the worker has them, mirrored into the controller's store. */
  runJson: string;
  metricsText: string;
  /** Epochs the run had when this attempt started (resumed attempts start after 0). */
  fromEpoch: number;
  /** BullMQ attempt (1 for the first worker, more after a stalled job is taken over). */
  attempt: number;
}
