import type { Module } from "@mlp-lab/models";
import {
  type LRScheduler,
  MONITOR_NAMES,
  type MonitorName,
  OPTIMIZER_KINDS,
  type Optimizer,
  type OptimizerConfig,
  type OptimizerKind,
  type SchedulerConfig,
  createOptimizer,
  createScheduler,
} from "@mlp-lab/training";
import { UsageError } from "./cli-error.js";
import type { TrainingFlags } from "./train-options.js";

/** Optimizers `--optimizer` takes. */
export const OPTIMIZER_NAMES: readonly OptimizerKind[] = OPTIMIZER_KINDS;
/** One of {@link OPTIMIZER_NAMES}. */
export type OptimizerName = OptimizerKind;
/** Schedules `--scheduler` takes (`--warmup N` can go in front of any of them but plateau). */
export const SCHEDULER_NAMES = [
  "none",
  "step",
  "multistep",
  "exponential",
  "cosine",
  "linear",
  "plateau",
] as const;
/** One of {@link SCHEDULER_NAMES}. */
export type SchedulerName = (typeof SCHEDULER_NAMES)[number];
/** Quantities early stopping and the plateau schedule can watch. */
export const EARLY_STOPPING_MONITORS: readonly MonitorName[] = MONITOR_NAMES;

type OptimizerFlags = Pick<
  TrainingFlags,
  | "optimizer"
  | "lr"
  | "momentum"
  | "nesterov"
  | "weightDecay"
  | "beta1"
  | "beta2"
  | "eps"
  | "alpha"
  | "amsgrad"
  | "centered"
  | "maxGradNorm"
>;

/** Which optimizers each hyperparameter flag applies to. */
const APPLIES: Record<string, { flag: string; kinds: readonly OptimizerKind[] }> = {
  momentum: { flag: "--momentum", kinds: ["sgd", "rmsprop"] },
  nesterov: { flag: "--nesterov", kinds: ["sgd"] },
  beta1: { flag: "--beta1", kinds: ["adam", "adamw"] },
  beta2: { flag: "--beta2", kinds: ["adam", "adamw"] },
  amsgrad: { flag: "--amsgrad", kinds: ["adam", "adamw"] },
  eps: { flag: "--eps", kinds: ["adam", "adamw", "rmsprop"] },
  alpha: { flag: "--alpha", kinds: ["rmsprop"] },
  centered: { flag: "--centered", kinds: ["rmsprop"] },
};

/**
 * The optimizer's configuration (stored in checkpoints and run.json) from the flags. A flag that
 * the chosen optimizer does not have is a usage error rather than silently ignored.
 */
export function optimizerConfigOf(flags: OptimizerFlags): OptimizerConfig {
  const kind = flags.optimizer;
  const options: Record<string, number | boolean> = { lr: flags.lr ?? (kind === "sgd" ? 0.01 : 0.001) };
  for (const [key, { flag, kinds }] of Object.entries(APPLIES)) {
    const value = flags[key as keyof OptimizerFlags];
    if (value === undefined || value === false) continue;
    if (!kinds.includes(kind))
      throw new UsageError(`${flag} applies to ${kinds.join(" and ")}, not --optimizer ${kind}`);
    options[key] = value as number | boolean;
  }
  // The course's SGD: momentum 0.5 unless told otherwise.
  if (kind === "sgd" && options.momentum === undefined) options.momentum = 0.5;
  if (flags.weightDecay !== undefined) options.weightDecay = flags.weightDecay;
  if (flags.maxGradNorm !== undefined) options.maxGradNorm = flags.maxGradNorm;
  return { kind, options };
}

/** Build the optimizer a config describes over the model's parameters. */
export function buildOptimizer(model: Module, config: OptimizerConfig): Optimizer {
  return createOptimizer(config, model.namedParameters());
}

type ScheduleFlags = Pick<
  TrainingFlags,
  | "scheduler"
  | "stepSize"
  | "milestones"
  | "gamma"
  | "tMax"
  | "minLr"
  | "startFactor"
  | "schedulerPatience"
  | "monitor"
  | "warmup"
  | "epochs"
>;

function schedule(flags: ScheduleFlags): SchedulerConfig | null {
  const gamma = flags.gamma === undefined ? {} : { gamma: flags.gamma };
  switch (flags.scheduler) {
    case "none":
      return null;
    case "step":
      if (flags.stepSize === undefined) throw new UsageError("--scheduler step needs --step-size <epochs>");
      return { kind: "step", stepSize: flags.stepSize, ...gamma };
    case "multistep":
      if (!flags.milestones) throw new UsageError("--scheduler multistep needs --milestones <epochs,...>");
      return { kind: "multistep", milestones: flags.milestones, ...gamma };
    case "exponential":
      return { kind: "exponential", gamma: flags.gamma ?? 0.9 };
    case "cosine":
      return {
        kind: "cosine",
        tMax: flags.tMax ?? Math.max(1, flags.epochs - (flags.warmup ?? 0)),
        ...(flags.minLr === undefined ? {} : { etaMin: flags.minLr }),
      };
    case "linear":
      return {
        kind: "linear",
        ...(flags.startFactor === undefined ? {} : { startFactor: flags.startFactor }),
        totalIters: flags.tMax ?? flags.epochs,
      };
    case "plateau":
      return {
        kind: "plateau",
        monitor: flags.monitor,
        ...(flags.gamma === undefined ? {} : { factor: flags.gamma }),
        ...(flags.schedulerPatience === undefined ? {} : { patience: flags.schedulerPatience }),
        ...(flags.minLr === undefined ? {} : { minLr: flags.minLr }),
      };
  }
}

/** The schedule's configuration (checkpoints and run.json), or null for a constant rate. */
export function schedulerConfigOf(flags: ScheduleFlags): SchedulerConfig | null {
  const main = schedule(flags);
  if (!flags.warmup) return main;
  if (main?.kind === "plateau") throw new UsageError("--warmup cannot be combined with --scheduler plateau");
  return { kind: "warmup", epochs: flags.warmup, ...(main ? { after: main } : {}) };
}

/** run.json's form of a schedule: `{ name, ...options }`. */
export function schedulerRecordOf(
  config: SchedulerConfig | null,
): ({ name: string } & Record<string, unknown>) | null {
  if (config === null) return null;
  const { kind, ...rest } = config;
  return { name: kind, ...rest };
}

/** The epoch scheduler for a config, stepping `optimizer.lr`; undefined for a constant rate. */
export function buildScheduler(
  config: SchedulerConfig | null,
  optimizer: Optimizer,
): LRScheduler | undefined {
  return config === null ? undefined : createScheduler(config, optimizer);
}
