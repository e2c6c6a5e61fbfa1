/**
 * The optimizers of the native update (native/kernels.inc `opt_update`, shared by `FusedMlpTrainer`
 * and `NativeOptimizer`): PyTorch's `SGD`, `Adam` and `AdamW` formulas and defaults.
 */
export type FusedOptimizer =
  | {
      kind: "sgd";
      lr: number;
      momentum?: number;
      dampening?: number;
      nesterov?: boolean;
      weightDecay?: number;
    }
  | {
      kind: "adam" | "adamw";
      lr: number;
      beta1?: number;
      beta2?: number;
      eps?: number;
      weightDecay?: number;
    };

/** What native/addon.cc `parse_opt` reads: the optimizer with every default filled in, kind as a number. */
export interface NativeOptimizerConfig {
  /** 0 sgd, 1 adam, 2 adamw */
  kind: 0 | 1 | 2;
  lr: number;
  momentum?: number;
  dampening?: number;
  nesterov?: boolean;
  beta1?: number;
  beta2?: number;
  eps?: number;
  weightDecay: number;
}

/**
 * The native update's configuration of `options` at learning rate `lr` (a scheduler may have moved it from
 * `options.lr`), with torch's defaults: momentum, dampening and weight decay 0, betas (0.9, 0.999), eps 1e-8,
 * and AdamW's weight decay 1e-2.
 */
export function nativeOptimizerConfig(options: FusedOptimizer, lr: number): NativeOptimizerConfig {
  if (options.kind === "sgd")
    return {
      kind: 0,
      lr,
      momentum: options.momentum ?? 0,
      dampening: options.dampening ?? 0,
      nesterov: options.nesterov ?? false,
      weightDecay: options.weightDecay ?? 0,
    };
  return {
    kind: options.kind === "adam" ? 1 : 2,
    lr,
    beta1: options.beta1 ?? 0.9,
    beta2: options.beta2 ?? 0.999,
    eps: options.eps ?? 1e-8,
    weightDecay: options.weightDecay ?? (options.kind === "adamw" ? 1e-2 : 0),
  };
}

/** Which per-parameter buffers the update keeps: [momentum or exp_avg, exp_avg_sq]. */
export function optimizerBuffers(options: FusedOptimizer): [boolean, boolean] {
  return [options.kind !== "sgd" || (options.momentum ?? 0) !== 0, options.kind !== "sgd"];
}
