import * as tf from "@tensorflow/tfjs-core";
import { TrainingError } from "./errors.js";
import { type CommonOptimizerOptions, Optimizer, type OptimizerConfig } from "./optimizer-base.js";
import { checkOptions } from "./validate-options.js";

/** Hyperparameters of {@link SGD}, as in `torch.optim.SGD`. */
export interface SGDOptions extends CommonOptimizerOptions {
  /** Momentum factor. Default 0. */
  momentum?: number;
  /** Dampening of the momentum. Default 0. */
  dampening?: number;
  /** Nesterov momentum. Default false. */
  nesterov?: boolean;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
}

/**
 * Stochastic gradient descent with PyTorch's formulas: g ← g + wd·p; b ← μ·b + (1−τ)·g (b = g at
 * the first step); g ← g + μ·b with Nesterov, else g ← b; p ← p − lr·g.
 */
export class SGD extends Optimizer {
  /** Momentum factor. */
  readonly momentum: number;
  /** Dampening. */
  readonly dampening: number;
  /** Nesterov momentum. */
  readonly nesterov: boolean;
  /** Weight decay. */
  readonly weightDecay: number;

  constructor(params: ReadonlyArray<[string, tf.Variable]>, options: SGDOptions) {
    checkOptions(
      "SGD",
      options,
      {
        lr: "number",
        maxGradNorm: "number",
        momentum: "number",
        dampening: "number",
        nesterov: "boolean",
        weightDecay: "number",
      },
      ["lr"],
    );
    super(params, options.lr, options.maxGradNorm);
    this.momentum = options.momentum ?? 0;
    this.dampening = options.dampening ?? 0;
    this.nesterov = options.nesterov ?? false;
    this.weightDecay = options.weightDecay ?? 0;
    if (!(this.momentum >= 0))
      throw new TrainingError("BAD_OPTION", `momentum must be >= 0, got ${this.momentum}`);
    if (!(this.weightDecay >= 0)) {
      throw new TrainingError("BAD_OPTION", `weight decay must be >= 0, got ${this.weightDecay}`);
    }
    if (this.nesterov && (this.momentum <= 0 || this.dampening !== 0)) {
      throw new TrainingError("BAD_OPTION", "Nesterov momentum requires a momentum > 0 and zero dampening");
    }
  }

  getConfig(): OptimizerConfig {
    return {
      kind: "sgd",
      options: {
        ...this.commonConfig(),
        momentum: this.momentum,
        dampening: this.dampening,
        nesterov: this.nesterov,
        weightDecay: this.weightDecay,
      },
    };
  }

  protected update(name: string, param: tf.Variable, grad: tf.Tensor): void {
    let g = this.weightDecay !== 0 ? tf.add(grad, tf.mul(param, this.weightDecay)) : grad;
    if (this.momentum !== 0) {
      const previous = this.getSlot(name, "momentum_buffer");
      const buf = previous
        ? tf.add(tf.mul(previous, this.momentum), this.dampening === 0 ? g : tf.mul(g, 1 - this.dampening))
        : g;
      this.setSlot(name, "momentum_buffer", buf);
      g = this.nesterov ? tf.add(g, tf.mul(buf, this.momentum)) : buf;
    }
    param.assign(tf.sub(param, tf.mul(g, this.lr)));
  }
}
