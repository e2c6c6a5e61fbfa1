import { type ModelConfig, type StateDict, decodeSafetensors } from "@mlp-lab/models";
import { type CheckpointWhich, getCheckpointBytes, getCheckpointJson, getRunFiles } from "../api/runs-api.js";

/** A run's checkpoint as the browser reads it: the architecture and the weights, PyTorch names. */
export interface RunCheckpoint {
  which: CheckpointWhich;
  modelConfig: ModelConfig;
  state: StateDict;
}

/** trainer.json as far as the viewer reads it. */
interface TrainerJson {
  modelConfig?: ModelConfig;
}

async function loadWhich(id: string, which: CheckpointWhich, signal?: AbortSignal): Promise<RunCheckpoint> {
  const trainer = await getCheckpointJson<TrainerJson>(id, which, "trainer.json", signal);
  if (!trainer.modelConfig || typeof trainer.modelConfig.kind !== "string") {
    throw new Error(`checkpoints/${which}/trainer.json has no modelConfig, so the model cannot be rebuilt`);
  }
  const bytes = await getCheckpointBytes(id, which, "model.safetensors", signal);
  const { tensors } = decodeSafetensors(bytes, `checkpoints/${which}/model.safetensors`);
  return { which, modelConfig: trainer.modelConfig, state: tensors };
}

const NEEDED = ["trainer.json", "model.safetensors"];

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
