import { existsSync } from "node:fs";
import { DATASETS, type DatasetInfo } from "@mlp-lab/datasets";
import { type Module, createModel } from "@mlp-lab/models";
import { type CheckpointKind, type RunRecord, checkpointPath, readRun } from "@mlp-lab/runs";
import type { Checkpoint } from "@mlp-lab/training";
import { loadCheckpoint } from "@mlp-lab/training/node";
import type { ExperimentConfig } from "./experiment-config.js";
import { ExperimentError } from "./experiment-error.js";
import { type RunLocation, experimentConfigOf, locateRun } from "./run-experiment.js";

/** A trained model loaded back from a run's checkpoint. */
export interface RunModel {
  /** The run's record. */
  record: RunRecord;
  /** The experiment it was trained with. */
  config: ExperimentConfig;
  /** Its data set's registry entry. */
  info: DatasetInfo;
  /** The inputs' normalisation the model was trained with. */
  normalize: { mean: number[]; std: number[] };
  /** The model, in evaluation mode. Dispose it when done. */
  model: Module;
  /** The checkpoint it came from. */
  checkpoint: Checkpoint;
  /** Folder of that checkpoint. */
  checkpointDir: string;
}

/**
 * Load the `best` (default) or `last` checkpoint of a run into a model.
 * @throws ExperimentError `NO_CHECKPOINT` when the run has not finished an epoch, `NOT_RESUMABLE` when
 * the run has no experiment config or the checkpoint no architecture.
 */
export async function loadRunModel(run: RunLocation, which: CheckpointKind = "best"): Promise<RunModel> {
  const { runsDir, id } = locateRun(run);
  const record = await readRun(runsDir, id);
  const config = experimentConfigOf(record);
  const dir = checkpointPath(runsDir, id, which);
  if (!existsSync(dir)) {
    throw new ExperimentError(
      "NO_CHECKPOINT",
      `run ${id} has no ${which} checkpoint yet (${dir}); it has not finished an epoch`,
    );
  }
  const checkpoint = await loadCheckpoint(dir);
  const modelConfig = checkpoint.trainer?.modelConfig;
  if (!modelConfig)
    throw new ExperimentError("NOT_RESUMABLE", `${dir} has no trainer.json with the model's architecture`);
  const model = createModel(modelConfig, config.seed);
  model.loadStateDict(checkpoint.model);
  model.eval();
  const info = DATASETS[config.dataset];
  const normalize = {
    mean: [...(config.normalize?.mean ?? info.mean)],
    std: [...(config.normalize?.std ?? info.std)],
  };
  return { record, config, info, normalize, model, checkpoint, checkpointDir: dir };
}
