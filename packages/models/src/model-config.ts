import { Generator } from "@mlp-lab/random";
import { ACTIVATIONS, type Activation } from "./activation.js";
import { ModelError } from "./errors.js";
import { MLP } from "./mlp.js";
import type { Module } from "./module.js";
import { SoftmaxRegression } from "./softmax-regression.js";
import { TwoLayerMLP } from "./two-layer-mlp.js";
import { badOption, knownKeys, positiveInteger, requireObject } from "./validate-options.js";

const FN = "createModel";

/** Check a config's kind and fields, naming the field at fault (`createModel: config.dIn ...`). */
function checkModelConfig(config: ModelConfig): void {
  requireObject(FN, "config", config);
  const c = config as unknown as Record<string, unknown>;
  switch (c.kind) {
    case "two-layer":
      knownKeys(FN, "config", c, ["kind", "dIn", "dHidden", "dOut"]);
      for (const f of ["dIn", "dHidden", "dOut"]) positiveInteger(FN, `config.${f}`, c[f]);
      return;
    case "softmax":
      knownKeys(FN, "config", c, ["kind", "dIn", "dOut"]);
      for (const f of ["dIn", "dOut"]) positiveInteger(FN, `config.${f}`, c[f]);
      return;
    case "mlp": {
      knownKeys(FN, "config", c, ["kind", "layers", "activation", "dropout"]);
      if (!Array.isArray(c.layers))
        badOption(FN, "config.layers", "must be an array of layer sizes", c.layers);
      c.layers.forEach((n, i) => positiveInteger(FN, `config.layers[${i}]`, n));
      if (c.activation !== undefined && !ACTIVATIONS.includes(c.activation as Activation)) {
        badOption(FN, "config.activation", `must be one of ${ACTIVATIONS.join(", ")}`, c.activation);
      }
      if (c.dropout !== undefined && !(typeof c.dropout === "number" && c.dropout >= 0 && c.dropout < 1)) {
        badOption(FN, "config.dropout", "must be a number in [0, 1)", c.dropout);
      }
      return;
    }
    default:
      throw new ModelError(
        "BAD_LAYERS",
        `createModel: config.kind must be two-layer, mlp or softmax, got ${JSON.stringify(c.kind)}`,
      );
  }
}

/** A serialisable description of a model, enough to rebuild it (stored in checkpoints and runs). */
export type ModelConfig =
  | { kind: "two-layer"; dIn: number; dHidden: number; dOut: number }
  | { kind: "mlp"; layers: number[]; activation?: Activation; dropout?: number }
  | { kind: "softmax"; dIn: number; dOut: number };

/** Build the model a config describes, with weights drawn from `seed`. */
export function createModel(config: ModelConfig, seed = 0): Module {
  checkModelConfig(config);
  if (!Number.isFinite(seed)) badOption("createModel", "seed", "must be a finite number", seed);
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
