import type { ModelConfig, StateDict } from "@mlp-lab/models";
import { CHECKPOINT_FILES, decodeCheckpoint } from "@mlp-lab/training";
import { type CheckpointWhich, getCheckpointBytes, getRunFiles } from "../api/runs-api.js";

/** A run's checkpoint as the browser reads it: the architecture and the weights, PyTorch names. */
export interface RunCheckpoint {
  which: CheckpointWhich;
  modelConfig: ModelConfig;
  state: StateDict;
}

async function loadWhich(id: string, which: CheckpointWhich, signal?: AbortSignal): Promise<RunCheckpoint> {
  const [trainer, model] = await Promise.all([
    getCheckpointBytes(id, which, CHECKPOINT_FILES.trainer, signal),
    getCheckpointBytes(id, which, CHECKPOINT_FILES.model, signal),
  ]);
  // The same decoder as the CLI and @mlp-lab/training/node: same checks, same error messages.
  const checkpoint = decodeCheckpoint({ model, trainer }, `checkpoints/${which}`);
  return { which, modelConfig: checkpoint.trainer!.modelConfig, state: checkpoint.model };
}

const NEEDED = [CHECKPOINT_FILES.trainer, CHECKPOINT_FILES.model];

/** The best checkpoint, or the last one when the run has no best yet (no validation epoch finished). */
export async function loadRunCheckpoint(id: string, signal?: AbortSignal): Promise<RunCheckpoint> {
  const files = await getRunFiles(id, signal);
  const which = (["best", "last"] as const).find((w) =>
    NEEDED.every((f) => files.checkpoints[w].includes(f)),
  );
  if (!which) {
    throw new Error(
      "this run has no checkpoint yet (checkpoints/best and checkpoints/last hold no model.safetensors)",
    );
  }
  return loadWhich(id, which, signal);
}
