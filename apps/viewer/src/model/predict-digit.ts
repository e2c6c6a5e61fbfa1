import { type Module, createModel, predictProbabilities as probabilitiesOf } from "@mlp-lab/models";
import type { RunCheckpoint } from "./run-checkpoint.js";

/** Rebuild the checkpoint's model with its weights, in evaluation mode (no dropout). */
export function buildModel(checkpoint: RunCheckpoint): Module {
  const model = createModel(checkpoint.modelConfig, 0);
  model.loadStateDict(checkpoint.state);
  return model.eval();
}

/** Class probabilities for one input vector (@mlp-lab/models' `predictProbabilities`, as `mlp predict`). */
export function predictProbabilities(model: Module, input: Float32Array): number[] {
  return Array.from(probabilitiesOf(model, input, 1));
}
