import type { BackendInfo, DatasetInfo, JsonValue } from "@mlp-lab/runs/schema";
import type { Checkpoint } from "@mlp-lab/training";
import type { ExperimentConfig } from "./experiment-config.js";

// The seam between a training session and where its run is kept. The session (train-session.ts) knows
// nothing of files: it hands each finished epoch, the artifacts and the final status to a RunSink. The
// run store folder (`runs/<id>/`, Node) implements it in node-run-sink.ts; the course page keeps runs
// in IndexedDB with the same files and formats.

/** A metrics line as the session gives it: the store stamps `time` and turns non-finite numbers into null. */
export interface SessionMetricsLine {
  epoch: number;
  phase: "train" | "val";
  /** Mean loss (NaN when it diverged). */
  loss: number;
  accuracy: number | null;
  lr: number | null;
  seconds: number;
  samples: number;
}

/** What the session knows when it opens the run: everything run.json records at the start. */
export interface RunSinkInit {
  /** The experiment as stored in run.json (`epochs` is the run's total after this session). */
  config: ExperimentConfig;
  /** The data as run.json records it. */
  dataset: DatasetInfo;
  /** The tensor backend. */
  backend: BackendInfo;
  /** Package name → version (the session's own, the caller's and tfjs-core's). */
  packages: Record<string, string>;
  /** Trainable parameters of the model. */
  parameters: number;
  /**
   * A continued run: the last epoch of its checkpoint (metrics of later epochs are dropped), or null when
   * none finished. Undefined for a new run.
   */
  resumeFromEpoch?: number | null;
}

/** One finished epoch, recorded by {@link RunSink.commitEpoch}. */
export interface EpochCommit {
  epoch: number;
  /** The epoch's metrics lines (train, then val when validated). */
  lines: SessionMetricsLine[];
  /** The state after this epoch: the `last` checkpoint, and `best` too when the epoch is the best so far. */
  checkpoint: Checkpoint;
  /** Whether the training history ranks this epoch best (used by stores that do not rank it themselves). */
  bestInHistory: boolean;
}

/** A checkpoint the sink wrote: which one, and where (a folder, or a store key). */
export interface SavedCheckpoint {
  kind: "last" | "best" | "extra";
  path: string;
}

/** The writer of one run, opened by a {@link OpenRunSink} for one session. */
export interface RunSink {
  /** The run id. */
  readonly id: string;
  /** Where the run lives: its folder, or a description such as `indexeddb:<database>/<id>`. */
  readonly location: string;
  /**
   * Record a finished epoch: its metrics lines first, then the `last` checkpoint and, when the epoch is
   * the best so far, `best`; a kill in between must leave a run that resumes from its previous state.
   * @returns the checkpoints written, in order.
   */
  commitEpoch(commit: EpochCommit): Promise<SavedCheckpoint[]>;
  /** Write JSON artifacts (`val-predictions.json`, …) by file name. */
  writeArtifacts(artifacts: Readonly<Record<string, JsonValue>>): Promise<void>;
  /** Mark the run completed and merge `summary` into run.json's summary. */
  complete(summary: { parameters: number }): Promise<void>;
  /** Mark the run interrupted (resumable). */
  interrupt(): Promise<void>;
  /** Mark the run failed with `error`'s message, unless it has already ended. */
  fail(error: unknown): Promise<void>;
  /** Release what the sink holds (file handles, connections); called once, last. */
  close(): Promise<void>;
}

/** Creates (or reopens, when `init.resumeFromEpoch` is set) the run a session writes. */
export type OpenRunSink = (init: RunSinkInit) => Promise<RunSink>;
