import { useBackend, useHostReadableBackend } from "@mlp-lab/backend";
import { type ImageSet, loadImageSet } from "@mlp-lab/datasets";
import { type ClassMetrics, confusionMatrixRows, macroAverage, perClassMetrics } from "@mlp-lab/metrics";
import { type CheckpointKind, readRun } from "@mlp-lab/runs";
import { type Evaluation, evaluateModel } from "./evaluate-model.js";
import type { ExperimentConfig } from "./experiment-config.js";
import { loadExperimentData, loadOptionsOf } from "./load-experiment-data.js";
import { type RunLocation, experimentConfigOf, locateRun } from "./run-experiment.js";
import { loadRunModel } from "./run-model.js";

/** Options of {@link evaluateRun}. */
export interface EvaluateRunOptions {
  /** `test`: the data set's test split (default); `val`: the run's own validation samples. */
  split?: "test" | "val";
  /** Which checkpoint (default `best`). */
  checkpoint?: CheckpointKind;
  /** Read the data from this folder instead of the recorded one. */
  dataDir?: string;
  /** Tensor backend (default the run's). */
  backend?: ExperimentConfig["backend"];
  /** Data warnings. */
  onWarning?: (message: string) => void;
}

/** What {@link evaluateRun} measured (the `--json` document of `mlp eval`, plus the raw evaluation). */
export interface RunEvaluation {
  run: string;
  checkpoint: CheckpointKind;
  /** Epoch of the checkpoint. */
  epoch: number;
  split: "test" | "val";
  /** Data set name. */
  dataset: string;
  samples: number;
  loss: number;
  accuracy: number;
  perClass: Array<ClassMetrics & { name: string }>;
  macroAverage: ReturnType<typeof macroAverage>;
  confusionMatrix: { classNames: string[]; matrix: number[][] };
  /** Labels, predictions, probabilities and the confusion matrix, sample by sample. */
  evaluation: Evaluation;
}

/** Evaluate a run's checkpoint on the test split or on its own validation samples. */
export async function evaluateRun(
  run: RunLocation,
  options: EvaluateRunOptions = {},
): Promise<RunEvaluation> {
  const split = options.split ?? "test";
  const which = options.checkpoint ?? "best";
  const where = locateRun(run);
  // The backend before any tensor: the model's weights live on it.
  await useBackend(options.backend ?? experimentConfigOf(await readRun(where.runsDir, where.id)).backend);
  // Evaluation reads tensors synchronously: on webgpu (asynchronous reads only) continue on a CPU backend.
  await useHostReadableBackend();
  const loaded = await loadRunModel(where, which);
  const warn = options.onWarning ?? (() => {});
  const config = {
    ...loaded.config,
    data: { ...loaded.config.data, ...(options.dataDir ? { dir: options.dataDir } : {}) },
  };
  const set: ImageSet =
    split === "val"
      ? (await loadExperimentData(config, warn)).val
      : await loadImageSet(config.dataset, "test", loadOptionsOf(config.data, warn));
  try {
    const ev = evaluateModel(loaded.model, set, loaded.normalize);
    const classNames = [...loaded.info.classNames];
    const perClass = perClassMetrics(ev.confusion).map((m) => ({
      ...m,
      name: classNames[m.label] ?? String(m.label),
    }));
    return {
      run: loaded.record.id,
      checkpoint: which,
      epoch: (loaded.checkpoint.trainer?.epoch ?? 0) - 1,
      split,
      dataset: config.dataset,
      samples: set.count,
      loss: ev.loss,
      accuracy: ev.accuracy,
      perClass,
      macroAverage: macroAverage(perClass),
      confusionMatrix: { classNames, matrix: confusionMatrixRows(ev.confusion) },
      evaluation: ev,
    };
  } finally {
    loaded.model.dispose();
  }
}
