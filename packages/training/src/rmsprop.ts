import * as tf from "@tensorflow/tfjs-core";
import { TrainingError } from "./errors.js";
import { type CommonOptimizerOptions, Optimizer, type OptimizerConfig } from "./optimizer-base.js";
import { checkOptions } from "./validate-options.js";

/** Hyperparameters of {@link RMSprop}, as in `torch.optim.RMSprop`. */
export interface RMSpropOptions extends CommonOptimizerOptions {
  /** Smoothing constant of the squared-gradient average. Default 0.99. */
  alpha?: number;
  /** Added to the denominator. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient. Default 0. */
  weightDecay?: number;
  /** Momentum factor. Default 0. */
  momentum?: number;
  /** Normalise by the variance estimate instead of the raw second moment. Default false. */
  centered?: boolean;
}

/**
 * RMSprop with PyTorch's formulas: g ← g + wd·p; s ← αs + (1−α)g²; with `centered`
 * a ← αa + (1−α)g and d = √(s − a²) + ε, else d = √s + ε; with momentum b ← μb + g/d and
 * p ← p − lr·b, else p ← p − lr·g/d.
 */
export class RMSprop extends Optimizer {
  /** Smoothing constant. */
  readonly alpha: number;
  /** Denominator term. */
  readonly eps: number;
  /** Weight decay. */
  readonly weightDecay: number;
  /** Momentum factor. */
  readonly momentum: number;
  /** Centered variant. */
  readonly centered: boolean;

  constructor(params: ReadonlyArray<[string, tf.Variable]>, options: RMSpropOptions) {
    checkOptions(
      "RMSprop",
      options,
      {
        lr: "number",
        maxGradNorm: "number",
        alpha: "number",
        eps: "number",
        weightDecay: "number",
        momentum: "number",
        centered: "boolean",
      },
      ["lr"],
    );
    super(params, options.lr, options.maxGradNorm);
    this.alpha = options.alpha ?? 0.99;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    this.momentum = options.momentum ?? 0;
    this.centered = options.centered ?? false;
    if (!(this.alpha >= 0 && this.alpha < 1)) {
      throw new TrainingError("BAD_OPTION", `alpha must be in [0, 1), got ${this.alpha}`);
    }
    if (!(this.momentum >= 0))
      throw new TrainingError("BAD_OPTION", `momentum must be >= 0, got ${this.momentum}`);
    if (!(this.weightDecay >= 0)) {
      throw new TrainingError("BAD_OPTION", `weight decay must be >= 0, got ${this.weightDecay}`);
    }
  }

  getConfig(): OptimizerConfig {
    return {
      kind: "rmsprop",
      options: {
        ...this.commonConfig(),
        alpha: this.alpha,
        eps: this.eps,
        weightDecay: this.weightDecay,
        momentum: this.momentum,
        centered: this.centered,
      },
    };
  }

  protected update(name: string, param: tf.Variable, grad: tf.Tensor): void {
    const g = this.weightDecay !== 0 ? tf.add(grad, tf.mul(param, this.weightDecay)) : grad;
    const s0 = this.getSlot(name, "square_avg");
    const s = tf.add(s0 ? tf.mul(s0, this.alpha) : tf.zerosLike(g), tf.mul(tf.square(g), 1 - this.alpha));
    this.setSlot(name, "square_avg", s);
    let denom: tf.Tensor;
    if (this.centered) {
      const a0 = this.getSlot(name, "grad_avg");
      const a = tf.add(a0 ? tf.mul(a0, this.alpha) : tf.zerosLike(g), tf.mul(g, 1 - this.alpha));
      this.setSlot(name, "grad_avg", a);
      denom = tf.add(tf.sqrt(tf.sub(s, tf.square(a))), this.eps);
    } else {
      denom = tf.add(tf.sqrt(s), this.eps);
    }
    if (this.momentum > 0) {
      const b0 = this.getSlot(name, "momentum_buffer");
      const step = tf.div(g, denom);
      const b = b0 ? tf.add(tf.mul(b0, this.momentum), step) : step;
      this.setSlot(name, "momentum_buffer", b);
      param.assign(tf.sub(param, tf.mul(b, this.lr)));
    } else {
      param.assign(tf.sub(param, tf.mul(tf.div(g, denom), this.lr)));
    }
  }
}
