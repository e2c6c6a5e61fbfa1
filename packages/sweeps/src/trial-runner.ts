/** Validation metrics of one epoch, as the sweep reads them. */
export interface EpochMetrics {
  /** 0-based epoch number, counted across resumes. */
  epoch: number;
  valAccuracy: number | null;
  valLoss: number | null;
  trainLoss: number | null;
}

/** One segment of one trial: train run `runId` (or a new run) until `targetEpochs` epochs are done. */
export interface TrialRequest {
  sweepId: string;
  /** 0-based trial number. */
  trialNumber: number;
  /** The trial's full experiment config (the base with its parameters set). */
  config: Record<string, unknown>;
  /** The run to continue from its `last` checkpoint, or null for a new run. */
  runId: string | null;
  /** Total epochs the run should have when this segment ends. */
  targetEpochs: number;
  /** Run name. */
  name: string;
  /** Run tags (the sweep's id and the trial number). */
  tags: string[];
}

/** Callbacks of a running segment. */
export interface TrialHooks {
  /** Stops the segment at the next batch; the run is left `interrupted` and resumable. */
  signal: AbortSignal;
  /** The run exists (created or reopened). */
  onRunStarted?(runId: string): void;
  /** An epoch ended (its metrics and checkpoint are written). */
  onEpoch?(metrics: EpochMetrics): void;
}

/** How a segment ended. */
export interface TrialOutcome {
  runId: string | null;
  /** `completed`: it reached its target (or stopped early on its own); `failed`: an error or NaN. */
  status: "completed" | "failed" | "interrupted";
  /** Metrics of every epoch of the run so far, in order. */
  epochs: EpochMetrics[];
  /** True when the run's own early stopping ended it before the target. */
  stoppedEarly: boolean;
  /** What went wrong, for `failed`. */
  error: string | null;
}

/**
 * Trains one trial segment into a run store. The sweep never shells out to the CLI: the real runner
 * calls `runExperiment` / `resumeExperiment` of `@mlp-lab/experiments`; tests use scripted runners.
 */
export interface TrialRunner {
  run(request: TrialRequest, runsDir: string, hooks: TrialHooks): Promise<TrialOutcome>;
}
