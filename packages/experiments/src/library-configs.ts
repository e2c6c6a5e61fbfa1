import type { ModelConfig } from "@mlp-lab/models";
import type { OptimizerConfig, SchedulerConfig } from "@mlp-lab/training";
import type { ExperimentModel, ExperimentOptimizer, ExperimentScheduler } from "./experiment-config.js";

/** The models package's config for an experiment's model, given the data's input and class counts. */
export function modelConfigOf(model: ExperimentModel, dIn: number, dOut: number): ModelConfig {
  switch (model.kind) {
    case "two-layer":
      return { kind: "two-layer", dIn, dHidden: model.layers[0], dOut };
    case "mlp":
      return {
        kind: "mlp",
        layers: [dIn, ...model.layers, dOut],
        activation: model.activation as NonNullable<Extract<ModelConfig, { kind: "mlp" }>["activation"]>,
        ...(model.dropout > 0 ? { dropout: model.dropout } : {}),
      };
    case "softmax":
      return { kind: "softmax", dIn, dOut };
  }
}

/** The training package's optimizer config (`{ kind, options: { lr, ... } }`), unset hyperparameters left out. */
export function optimizerConfigOf(optimizer: ExperimentOptimizer): OptimizerConfig {
  const { name, learningRate, ...rest } = optimizer;
  const options: Record<string, number | boolean> = { lr: learningRate };
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) options[key] = value;
  return { kind: name, options };
}

/** The training package's scheduler config (`kind` for `name`), or null for a constant rate. */
export function schedulerConfigOf(scheduler: ExperimentScheduler | null): SchedulerConfig | null {
  if (scheduler === null) return null;
  const { name, ...rest } = scheduler as { name: string } & Record<string, unknown>;
  const after = rest.after as ExperimentScheduler | undefined;
  const out = { kind: name, ...rest } as Record<string, unknown>;
  for (const key of Object.keys(out)) if (out[key] === undefined) delete out[key];
  if (after) out.after = schedulerConfigOf(after);
  return out as SchedulerConfig;
}

/** The class name the course uses for each model kind, for messages. */
export const MODEL_CLASS: Record<ExperimentModel["kind"], string> = {
  "two-layer": "TwoLayerMLP",
  mlp: "MLP",
  softmax: "SoftmaxRegression",
};
