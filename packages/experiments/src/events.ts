import type { BackendDescription } from "@mlp-lab/backend";
import type { ModelConfig } from "@mlp-lab/models";
import type { EpochRecord } from "@mlp-lab/training";

/** What a training run produced (the `--json` document of `mlp train`). */
export interface ExperimentResult {
  runId: string;
  runDir: string;
  /** `nothing-to-do`: a resume of a run that already trained all its epochs. */
  status: "completed" | "interrupted" | "nothing-to-do";
  /** The models package's config of the trained model. */
  modelConfig: ModelConfig;
  parameters: number;
  bestValAccuracy: number | null;
  bestEpoch: number | null;
  lastEpoch: number | null;
  /** Epochs trained by this call. */
  epochsRun: number;
  /** Wall time of the training loop in this call. */
  seconds: number;
  stoppedEarly: boolean;
  /** The tensor backend that ran it. */
  backend: string;
  /** Every epoch of the run, earlier ones included when resumed. */
  history: Array<{ epoch: number; train: EpochRecord["train"]; val?: EpochRecord["val"]; lr: number }>;
}

/** Progress of {@link runExperiment} and {@link resumeExperiment}, in order. */
export type ExperimentEvent =
  /** The tensor backend is ready (before the data loads). */
  | { type: "backend"; backend: BackendDescription }
  /** A data or loader warning (a skipped source folder, a fallback). */
  | { type: "warning"; message: string }
  /** The run exists (created or reopened) and training is about to begin. */
  | {
      type: "run-started";
      runId: string;
      runDir: string;
      /** `run`: an earlier run continued; `checkpoint`: a new run from a checkpoint's weights. */
      resumed: "run" | "checkpoint" | null;
      /** First epoch this call trains. */
      startEpoch: number;
      /** Epochs this call trains. */
      epochs: number;
      parameters: number;
      /** Name and shape of each parameter tensor, in order. */
      parameterShapes: Array<[string, number[]]>;
      /** Keras-style summary of the model (layers, output shapes, parameters). */
      modelSummary: string;
    }
  /** One of the course's printed lines ("Epoch 0/0", "train Loss: …"), every `logInterval` epochs. */
  | { type: "log"; line: string }
  | { type: "epoch-begin"; epoch: number }
  | { type: "batch"; epoch: number; step: number; steps: number; loss: number; samples: number }
  | { type: "epoch-end"; record: EpochRecord }
  /** A checkpoint folder was written (`extra`: the `saveCheckpointTo` copy). */
  | { type: "checkpoint-saved"; kind: "last" | "best" | "extra"; path: string; epoch: number }
  /** The run ended; on `failed` the promise rejects with `error` right after. */
  | {
      type: "finished";
      status: "completed" | "interrupted" | "failed";
      result?: ExperimentResult;
      error?: string;
    };

/** Receives {@link ExperimentEvent}s. A listener that throws does not stop training. */
export type ExperimentListener = (event: ExperimentEvent) => void;
