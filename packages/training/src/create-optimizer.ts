import type * as tf from "@tensorflow/tfjs-core";
import { Adam, AdamW } from "./adam.js";
import { TrainingError } from "./errors.js";
import type { Optimizer, OptimizerConfig } from "./optimizer-base.js";
import { RMSprop } from "./rmsprop.js";
import { SGD } from "./sgd.js";
import { requireObject } from "./validate-options.js";

/** Optimizer families {@link createOptimizer} knows. */
export const OPTIMIZER_KINDS = ["sgd", "adam", "adamw", "rmsprop"] as const;

/** One of {@link OPTIMIZER_KINDS}. */
export type OptimizerKind = (typeof OPTIMIZER_KINDS)[number];

const ALLOWED: Record<OptimizerKind, readonly string[]> = {
  sgd: ["lr", "maxGradNorm", "momentum", "dampening", "nesterov", "weightDecay"],
  adam: ["lr", "maxGradNorm", "beta1", "beta2", "eps", "weightDecay", "amsgrad"],
  adamw: ["lr", "maxGradNorm", "beta1", "beta2", "eps", "weightDecay", "amsgrad"],
  rmsprop: ["lr", "maxGradNorm", "alpha", "eps", "weightDecay", "momentum", "centered"],
};

const BOOLEAN_OPTIONS = new Set(["nesterov", "amsgrad", "centered"]);

/**
 * Build an optimizer from a JSON-serialisable config (what `optimizer.getConfig()` returns and
 * checkpoints store), e.g. `{ kind: "adam", options: { lr: 1e-3 } }` or
 * `{ kind: "sgd", options: { lr: 0.01, momentum: 0.5, nesterov: false, maxGradNorm: 1 } }`.
 * Option names are those of {@link SGDOptions}, {@link AdamOptions} and {@link RMSpropOptions}.
 * @throws TrainingError `BAD_OPTION` naming an unknown kind, an unknown option or a bad value.
 */
export function createOptimizer(
  config: OptimizerConfig,
  namedParams: ReadonlyArray<[string, tf.Variable]>,
): Optimizer {
  requireObject("createOptimizer", "config", config);
  if (!Array.isArray(namedParams)) {
    throw new TrainingError(
      "BAD_OPTION",
      "createOptimizer: namedParams must be [name, variable] pairs (model.namedParameters())",
    );
  }
  if (config.options !== undefined) requireObject("createOptimizer", "config.options", config.options);
  const kind = config.kind as OptimizerKind;
  const allowed = ALLOWED[kind];
  if (!allowed) {
    throw new TrainingError(
      "BAD_OPTION",
      `unknown optimizer kind "${config.kind}" (known: ${OPTIMIZER_KINDS.join(", ")})`,
    );
  }
  const options = config.options ?? {};
  for (const [key, value] of Object.entries(options)) {
    if (!allowed.includes(key)) {
      throw new TrainingError(
        "BAD_OPTION",
        `unknown option "${key}" for optimizer ${kind} (known: ${allowed.join(", ")})`,
      );
    }
    const expected = BOOLEAN_OPTIONS.has(key) ? "boolean" : "number";
    if (expected === "boolean" ? typeof value !== "boolean" : typeof value !== "number") {
      throw new TrainingError(
        "BAD_OPTION",
        `optimizer ${kind} option "${key}" must be a ${expected}, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (typeof options.lr !== "number") {
    throw new TrainingError("BAD_OPTION", `optimizer ${kind} needs a numeric "lr" option`);
  }
  // The option objects were checked key by key against the allowed names and types above.
  const typed = options as { lr: number } & Record<string, number | boolean>;
  switch (kind) {
    case "sgd":
      return new SGD(namedParams, typed);
    case "adam":
      return new Adam(namedParams, typed);
    case "adamw":
      return new AdamW(namedParams, typed);
    case "rmsprop":
      return new RMSprop(namedParams, typed);
  }
}
