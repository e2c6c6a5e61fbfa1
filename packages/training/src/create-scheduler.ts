import { TrainingError } from "./errors.js";
import {
  CosineAnnealingLR,
  ExponentialLR,
  type LRScheduler,
  LinearLR,
  MultiStepLR,
  StepLR,
  WarmupLR,
} from "./lr-scheduler.js";
import type { Optimizer } from "./optimizer-base.js";
import { PLATEAU_SPEC, ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau.js";
import { type OptionSpec, checkOptions, requireObject } from "./validate-options.js";

/** A JSON-serialisable learning-rate schedule, PyTorch's schedulers by another name. */
export type SchedulerConfig =
  | { kind: "step"; stepSize: number; gamma?: number }
  | { kind: "multistep"; milestones: number[]; gamma?: number }
  | { kind: "exponential"; gamma: number }
  | { kind: "cosine"; tMax: number; etaMin?: number }
  | { kind: "linear"; startFactor?: number; endFactor?: number; totalIters?: number }
  | { kind: "warmup"; epochs: number; startFactor?: number; after?: SchedulerConfig }
  | ({ kind: "plateau" } & ReduceLROnPlateauOptions);

/** Scheduler kinds {@link createScheduler} knows. */
export const SCHEDULER_KINDS = [
  "step",
  "multistep",
  "exponential",
  "cosine",
  "linear",
  "warmup",
  "plateau",
] as const;

type SchedulerKind = (typeof SCHEDULER_KINDS)[number];

/** Each kind's fields, their types and the required ones. */
const SPECS: Record<SchedulerKind, { types: OptionSpec; required: string[] }> = {
  step: { types: { stepSize: "number", gamma: "number" }, required: ["stepSize"] },
  multistep: { types: { milestones: "object", gamma: "number" }, required: ["milestones"] },
  exponential: { types: { gamma: "number" }, required: ["gamma"] },
  cosine: { types: { tMax: "number", etaMin: "number" }, required: ["tMax"] },
  linear: { types: { startFactor: "number", endFactor: "number", totalIters: "number" }, required: [] },
  warmup: { types: { epochs: "number", startFactor: "number", after: "object" }, required: ["epochs"] },
  plateau: { types: PLATEAU_SPEC, required: [] },
};

/**
 * Build a scheduler over `optimizer` from a config; it sets the optimizer's rate for epoch 0 at
 * once and is stepped by `trainValModel` after each epoch. Examples:
 * `{ kind: "step", stepSize: 30, gamma: 0.1 }`, `{ kind: "cosine", tMax: 100 }`,
 * `{ kind: "warmup", epochs: 5, after: { kind: "cosine", tMax: 95 } }`,
 * `{ kind: "plateau", monitor: "val_loss", patience: 3 }`.
 * @throws TrainingError `BAD_OPTION` naming an unknown kind or bad value.
 */
export function createScheduler(config: SchedulerConfig, optimizer: Optimizer): LRScheduler {
  requireObject("createScheduler", "config", config);
  const spec = SPECS[config.kind as SchedulerKind];
  if (spec)
    checkOptions("createScheduler", config, { kind: "string", ...spec.types }, spec.required, "config");
  if (!optimizer || typeof (optimizer as { lr?: unknown }).lr !== "number") {
    throw new TrainingError("BAD_OPTION", "createScheduler: optimizer must be an Optimizer");
  }
  switch (config.kind) {
    case "step":
      return new StepLR(optimizer, config.stepSize, config.gamma);
    case "multistep":
      return new MultiStepLR(optimizer, config.milestones, config.gamma);
    case "exponential":
      return new ExponentialLR(optimizer, config.gamma);
    case "cosine":
      return new CosineAnnealingLR(optimizer, config.tMax, config.etaMin);
    case "linear":
      return new LinearLR(optimizer, config.startFactor, config.endFactor, config.totalIters);
    case "warmup": {
      if (config.after?.kind === "plateau" || config.after?.kind === "warmup") {
        throw new TrainingError("BAD_OPTION", `a warm-up cannot be followed by "${config.after.kind}"`);
      }
      const after = config.after ? createScheduler(config.after, optimizer) : undefined;
      return new WarmupLR(optimizer, config.epochs, after, config.startFactor);
    }
    case "plateau": {
      const { kind: _kind, ...options } = config;
      return new ReduceLROnPlateau(optimizer, options);
    }
    default:
      throw new TrainingError(
        "BAD_OPTION",
        `unknown scheduler kind in ${JSON.stringify(config)} (known: ${SCHEDULER_KINDS.join(", ")})`,
      );
  }
}
