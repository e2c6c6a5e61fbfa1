import { Generator } from "@mlp-lab/random";
import type { Activation } from "./activation.js";
import { ModelError } from "./errors.js";
import { MLP } from "./mlp.js";
import type { Module } from "./module.js";
import { SoftmaxRegression } from "./softmax-regression.js";
import { TwoLayerMLP } from "./two-layer-mlp.js";

/** A serialisable description of a model, enough to rebuild it (stored in checkpoints and runs). */
export type ModelConfig =
  | { kind: "two-layer"; dIn: number; dHidden: number; dOut: number }
  | { kind: "mlp"; layers: number[]; activation?: Activation; dropout?: number }
  | { kind: "softmax"; dIn: number; dOut: number };

/** Build the model a config describes, with weights drawn from `seed`. */
export function createModel(config: ModelConfig, seed = 0): Module {
  const rng = new Generator(seed);
  switch (config.kind) {
    case "two-layer":
      return new TwoLayerMLP(config.dIn, config.dHidden, config.dOut, rng);
    case "mlp":
      return new MLP(config.layers, {
        rng,
        ...(config.activation ? { activation: config.activation } : {}),
        ...(config.dropout !== undefined ? { dropout: config.dropout } : {}),
      });
    case "softmax":
      return new SoftmaxRegression(config.dIn, config.dOut, rng);
    default:
      throw new ModelError("BAD_LAYERS", `unknown model kind in config: ${JSON.stringify(config)}`);
  }
}

/** Layer sizes of a config, input first. */
export function layerSizes(config: ModelConfig): number[] {
  switch (config.kind) {
    case "two-layer":
      return [config.dIn, config.dHidden, config.dOut];
    case "mlp":
      return [...config.layers];
    case "softmax":
      return [config.dIn, config.dOut];
  }
}
