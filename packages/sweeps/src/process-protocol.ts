import type { EpochMetrics, TrialOutcome, TrialRequest } from "./trial-runner.js";

/** Parent → trial process. */
export type ToTrialProcess =
  | {
      type: "run";
      request: TrialRequest;
      runsDir: string;
      /** Copy the run folder into this folder at each epoch end (for workers without a shared store). */
      snapshotDir: string | null;
    }
  | { type: "abort" };

/** Trial process → parent. */
export type FromTrialProcess =
  | { type: "ready"; pid: number }
  | { type: "started"; runId: string }
  | {
      type: "epoch";
      metrics: EpochMetrics;
      /** Folder holding a copy of the whole run folder as of this epoch's end, when asked. */
      snapshot: string | null;
    }
  | { type: "done"; outcome: TrialOutcome };
