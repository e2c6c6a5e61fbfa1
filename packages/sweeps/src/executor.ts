import type { ExecutorInfo } from "./sweep-record.js";
import type { EpochMetrics, TrialOutcome, TrialRequest } from "./trial-runner.js";

/** Events of a dispatched segment, as the controller sees them. */
export interface DispatchHooks {
  /** The run exists; `worker` names who runs it. */
  onRunStarted?(runId: string, worker: string): void;
  onEpoch?(metrics: EpochMetrics): void;
}

/**
 * Where trial segments run: in this process, in local worker processes, or on BullMQ workers. The
 * controller keeps at most `slots` segments in flight.
 */
export interface TrialExecutor {
  /** How many segments may run at once. */
  readonly slots: number;
  /** What the sweep record says about it. */
  readonly info: ExecutorInfo;
  /** Connect / start workers. */
  start(): Promise<void>;
  /**
   * Run one segment to its end. `dispatchKey` is unique per trial segment and stable across controller
   * restarts, so an executor that outlives the controller (a queue) never runs a segment twice.
   */
  dispatch(request: TrialRequest, dispatchKey: string, hooks: DispatchHooks): Promise<TrialOutcome>;
  /** The trial is over (completed, pruned or failed): release what the executor kept for it. */
  trialEnded?(request: Pick<TrialRequest, "sweepId" | "trialNumber">): Promise<void>;
  /** Stop: in-flight segments end `interrupted` (local) or are left to the workers (queue). */
  interrupt(): void;
  /** Release workers and connections. */
  close(): Promise<void>;
}
