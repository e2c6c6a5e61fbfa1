import * as tf from "@tensorflow/tfjs-core";
import { TrainingError } from "./errors.js";
import { type CommonOptimizerOptions, Optimizer, type OptimizerConfig } from "./optimizer-base.js";
import { checkOptions } from "./validate-options.js";

/** Hyperparameters of {@link Adam}, as in `torch.optim.Adam`. */
export interface AdamOptions extends CommonOptimizerOptions {
  /** Decay of the first moment. Default 0.9. */
  beta1?: number;
  /** Decay of the second moment. Default 0.999. */
  beta2?: number;
  /** Added to the denominator. Default 1e-8. */
  eps?: number;
  /** L2 penalty added to the gradient (Adam) or decoupled decay (AdamW). Default 0 (AdamW: 0.01). */
  weightDecay?: number;
  /** Use the maximum of past second moments (AMSGrad). Default false. */
  amsgrad?: boolean;
}

/**
 * Adam with PyTorch's formulas: g ← g + wd·p; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * p ← p − lr/(1−β₁ᵗ) · m / (√v/√(1−β₂ᵗ) + ε).
 */
export class Adam extends Optimizer {
  /** First-moment decay. */
  readonly beta1: number;
  /** Second-moment decay. */
  readonly beta2: number;
  /** Denominator term. */
  readonly eps: number;
  /** Weight decay. */
  readonly weightDecay: number;
  /** AMSGrad variant. */
  readonly amsgrad: boolean;
  /** True for AdamW's decoupled weight decay. */
  protected readonly decoupled: boolean = false;

  constructor(params: ReadonlyArray<[string, tf.Variable]>, options: AdamOptions, defaultDecay = 0) {
    checkOptions(
      defaultDecay === 0 ? "Adam" : "AdamW",
      options,
      {
        lr: "number",
        maxGradNorm: "number",
        beta1: "number",
        beta2: "number",
        eps: "number",
        weightDecay: "number",
        amsgrad: "boolean",
      },
      ["lr"],
    );
    super(params, options.lr, options.maxGradNorm);
    this.beta1 = options.beta1 ?? 0.9;
    this.beta2 = options.beta2 ?? 0.999;
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? defaultDecay;
    this.amsgrad = options.amsgrad ?? false;
    for (const [what, v] of [
      ["beta1", this.beta1],
      ["beta2", this.beta2],
    ] as const) {
      if (!(v >= 0 && v < 1)) throw new TrainingError("BAD_OPTION", `${what} must be in [0, 1), got ${v}`);
    }
    if (!(this.eps >= 0)) throw new TrainingError("BAD_OPTION", `eps must be >= 0, got ${this.eps}`);
    if (!(this.weightDecay >= 0)) {
      throw new TrainingError("BAD_OPTION", `weight decay must be >= 0, got ${this.weightDecay}`);
    }
  }

  getConfig(): OptimizerConfig {
    return {
      kind: this.decoupled ? "adamw" : "adam",
      options: {
        ...this.commonConfig(),
        beta1: this.beta1,
        beta2: this.beta2,
        eps: this.eps,
        weightDecay: this.weightDecay,
        amsgrad: this.amsgrad,
      },
    };
  }

  protected update(name: string, param: tf.Variable, grad: tf.Tensor): void {
    const t = this.stepCount;
    let p: tf.Tensor = param;
    let g = grad;
    if (this.weightDecay !== 0) {
      // AdamW shrinks the weights directly; Adam folds the penalty into the gradient.
      if (this.decoupled) p = tf.mul(param, 1 - this.lr * this.weightDecay);
      else g = tf.add(g, tf.mul(param, this.weightDecay));
    }
    const m0 = this.getSlot(name, "exp_avg");
    const v0 = this.getSlot(name, "exp_avg_sq");
    const m = tf.add(m0 ? tf.mul(m0, this.beta1) : tf.zerosLike(g), tf.mul(g, 1 - this.beta1));
    const v = tf.add(v0 ? tf.mul(v0, this.beta2) : tf.zerosLike(g), tf.mul(tf.square(g), 1 - this.beta2));
    this.setSlot(name, "exp_avg", m);
    this.setSlot(name, "exp_avg_sq", v);
    let second = v;
    if (this.amsgrad) {
      const vmax0 = this.getSlot(name, "max_exp_avg_sq");
      second = vmax0 ? tf.maximum(vmax0, v) : v;
      this.setSlot(name, "max_exp_avg_sq", second);
    }
    const bc1 = 1 - this.beta1 ** t;
    const bc2 = 1 - this.beta2 ** t;
    const denom = tf.add(tf.div(tf.sqrt(second), Math.sqrt(bc2)), this.eps);
    param.assign(tf.sub(p, tf.mul(tf.div(m, denom), this.lr / bc1)));
  }
}

/**
 * AdamW (`torch.optim.AdamW`): Adam with decoupled weight decay p ← p·(1 − lr·wd) before the
 * Adam step; the weight decay defaults to 0.01 like PyTorch.
 */
export class AdamW extends Adam {
  protected override readonly decoupled: boolean = true;

  constructor(params: ReadonlyArray<[string, tf.Variable]>, options: AdamOptions) {
    super(params, options, 0.01);
  }
}
