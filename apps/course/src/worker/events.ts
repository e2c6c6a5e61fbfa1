import type { ExperimentConfig } from "@mlp-lab/experiments/browser";

/** What the page asks the training worker to do. */
export type WorkerRequest =
  | {
      type: "train";
      /** Run name for a new run. */
      name: string;
      /** The experiment (`epochs` is the run's total). */
      config: ExperimentConfig;
      /** Continue this run from its last checkpoint instead of starting a new one. */
      resumeRunId?: string;
      /** Folder URL of the data files (relative to the page). */
      dataUrl: string;
      /** Backend asked for: `auto` (WebGPU, else WebGL, else wasm, else cpu) or one of them. */
      backend: string;
      /** Tags stored in run.json (e.g. the course section). */
      tags: string[];
    }
  | { type: "stop" };

/** What the worker reports while it works. */
export type WorkerEvent =
  | { type: "backend"; name: string; detail: string }
  | { type: "data-progress"; dataset: string; received: number; total: number; from: "network" | "cache" }
  | { type: "data-ready"; train: number; val: number; seconds: number }
  | {
      type: "run-started";
      runId: string;
      name: string;
      parameters: number;
      startEpoch: number;
      epochs: number;
    }
  | { type: "line"; text: string }
  | {
      type: "batch";
      epoch: number;
      step: number;
      steps: number;
      loss: number;
      /** Training samples per second over the epoch so far. */
      samplesPerSecond: number;
    }
  | {
      type: "epoch";
      epoch: number;
      train: { loss: number; accuracy: number };
      val?: { loss: number; accuracy: number };
      lr: number;
    }
  | { type: "checkpoint"; runId: string; epoch: number; best: boolean }
  | {
      type: "finished";
      runId: string;
      status: "completed" | "interrupted" | "failed";
      bestValAccuracy: number | null;
      error?: string;
    }
  | { type: "error"; message: string };
