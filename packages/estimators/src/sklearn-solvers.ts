import * as tf from "@tensorflow/tfjs-core";

/** A parameter update rule of scikit-learn's `_stochastic_optimizers`, applied to tfjs variables. */
export interface StochasticSolver {
  /** Move each parameter given its gradient (same order as the parameters). Call inside `tf.tidy`. */
  update(params: readonly tf.Variable[], grads: readonly tf.Tensor[]): void;
  /** Release the solver's buffers. */
  dispose(): void;
}

/**
 * scikit-learn's `SGDOptimizer` (constant rate): v ← μv − lr·g; with Nesterov the step is
 * μv − lr·g (using the new v), else v. Note the rate multiplies the gradient inside the velocity,
 * unlike PyTorch's SGD, so it matters when the rate changes.
 */
export class SklearnSGD implements StochasticSolver {
  private velocities: tf.Variable[] = [];

  constructor(
    private readonly lr: number,
    private readonly momentum: number,
    private readonly nesterov: boolean,
  ) {}

  update(params: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    if (this.velocities.length === 0) {
      this.velocities = params.map((p) => tf.variable(tf.zerosLike(p), false));
    }
    params.forEach((p, i) => {
      const v = this.velocities[i]!;
      const g = grads[i]!;
      const nv = tf.sub(tf.mul(v, this.momentum), tf.mul(g, this.lr));
      v.assign(nv);
      const step = this.nesterov ? tf.sub(tf.mul(nv, this.momentum), tf.mul(g, this.lr)) : nv;
      p.assign(tf.add(p, step));
    });
  }

  dispose(): void {
    for (const v of this.velocities) v.dispose();
    this.velocities = [];
  }
}

/**
 * scikit-learn's `AdamOptimizer`: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * p ← p − lr·√(1−β₂ᵗ)/(1−β₁ᵗ) · m/(√v + ε).
 */
export class SklearnAdam implements StochasticSolver {
  private m: tf.Variable[] = [];
  private v: tf.Variable[] = [];
  private t = 0;

  constructor(
    private readonly lr: number,
    private readonly beta1: number,
    private readonly beta2: number,
    private readonly epsilon: number,
  ) {}

  update(params: readonly tf.Variable[], grads: readonly tf.Tensor[]): void {
    if (this.m.length === 0) {
      this.m = params.map((p) => tf.variable(tf.zerosLike(p), false));
      this.v = params.map((p) => tf.variable(tf.zerosLike(p), false));
    }
    this.t++;
    const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.t)) / (1 - this.beta1 ** this.t);
    params.forEach((p, i) => {
      const g = grads[i]!;
      const m = tf.add(tf.mul(this.m[i]!, this.beta1), tf.mul(g, 1 - this.beta1));
      const v = tf.add(tf.mul(this.v[i]!, this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
      this.m[i]!.assign(m);
      this.v[i]!.assign(v);
      p.assign(tf.sub(p, tf.mul(tf.div(m, tf.add(tf.sqrt(v), this.epsilon)), lrT)));
    });
  }

  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
    this.m = [];
    this.v = [];
  }
}
