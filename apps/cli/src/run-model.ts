import { existsSync } from "node:fs";
import { DATASETS, type DatasetInfo, type DatasetName } from "@mlp-lab/datasets";
import { type Module, createModel } from "@mlp-lab/models";
import { type CheckpointKind, type RunRecord, checkpointPath, readRun } from "@mlp-lab/runs";
import type { Checkpoint } from "@mlp-lab/training";
import { loadCheckpoint } from "@mlp-lab/training/node";
import { UsageError } from "./cli-error.js";
import type { RunRef } from "./resolve-run.js";
import type { TrainingFlags } from "./train-options.js";

/** A trained model loaded back from a run's checkpoint. */
export interface RunModel {
  /** The run's record. */
  record: RunRecord;
  /** The flags the run was trained with. */
  flags: TrainingFlags;
  /** Its data set's registry entry. */
  info: DatasetInfo;
  /** The model, in evaluation mode. */
  model: Module;
  /** The checkpoint it came from. */
  checkpoint: Checkpoint;
  /** Folder of that checkpoint. */
  checkpointDir: string;
}

/** Load the `best` or `last` checkpoint of a run into a model. */
export async function loadRunModel(ref: RunRef, which: CheckpointKind): Promise<RunModel> {
  const record = await readRun(ref.runsDir, ref.id);
  const flags = (record.config as { flags?: TrainingFlags }).flags;
  if (!flags)
    throw new UsageError(`run ${ref.id} was not written by mlp train (run.json has no config.flags)`);
  const dir = checkpointPath(ref.runsDir, ref.id, which);
  if (!existsSync(dir)) {
    throw new UsageError(
      `run ${ref.id} has no ${which} checkpoint yet (${dir}); it has not finished an epoch`,
    );
  }
  const checkpoint = await loadCheckpoint(dir);
  const modelConfig = checkpoint.trainer?.modelConfig;
  if (!modelConfig) throw new UsageError(`${dir} has no trainer.json with the model's architecture`);
  const model = createModel(modelConfig, flags.seed);
  model.loadStateDict(checkpoint.model);
  model.eval();
  const info = DATASETS[flags.dataset as DatasetName];
  if (!info) throw new UsageError(`run ${ref.id} uses an unknown data set "${flags.dataset}"`);
  return { record, flags, info, model, checkpoint, checkpointDir: dir };
}
