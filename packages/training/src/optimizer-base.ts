import type { StateDict } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import { clipGradNorm } from "./clip-grad-norm.js";
import { TrainingError } from "./errors.js";

/** Everything an optimizer needs to continue exactly where it stopped. */
export interface OptimizerState {
  /** Steps taken so far. */
  step: number;
  /** Current learning rate. */
  lr: number;
  /** Per-parameter buffers named `<parameter>.<slot>` (e.g. `linears.0.weight.momentum_buffer`). */
  buffers: StateDict;
}

/** How an optimizer was configured, to rebuild it on resume (see `createOptimizer`). */
export interface OptimizerConfig {
  /** Optimizer family: `sgd`, `adam`, `adamw` or `rmsprop`. */
  kind: string;
  /** Its hyperparameters (learning rate, momentum, ...), named as in the option interfaces. */
  options: Record<string, number | boolean>;
}

/** Options every optimizer accepts. */
export interface CommonOptimizerOptions {
  /** Learning rate. */
  lr: number;
  /**
   * Clip the gradients by their global L2 norm before each update, like calling
   * `torch.nn.utils.clip_grad_norm_(params, maxGradNorm)` before `optimizer.step()`. Default none.
   */
  maxGradNorm?: number;
}

/**
 * Base of mlp-lab's optimizers: holds named parameters and per-parameter slot variables, and
 * applies PyTorch's update formulas so the same hyperparameters mean the same thing.
 */
export abstract class Optimizer {
  /** Learning rate; schedulers change it between epochs. */
  lr: number;
  /** Steps taken. */
  stepCount = 0;
  /** Global gradient norm clip, or undefined for none. */
  maxGradNorm: number | undefined;
  /** Global L2 norm of the last step's gradients, before clipping (only tracked when clipping). */
  lastGradNorm: number | undefined;
  protected readonly params: ReadonlyArray<[string, tf.Variable]>;
  private readonly slots = new Map<string, tf.Variable>();

  constructor(params: ReadonlyArray<[string, tf.Variable]>, lr: number, maxGradNorm?: number) {
    if (!(lr > 0) || !Number.isFinite(lr)) {
      throw new TrainingError("BAD_OPTION", `learning rate must be a positive number, got ${lr}`);
    }
    if (maxGradNorm !== undefined && !(maxGradNorm > 0)) {
      throw new TrainingError("BAD_OPTION", `maxGradNorm must be a positive number, got ${maxGradNorm}`);
    }
    this.params = params;
    this.lr = lr;
    this.maxGradNorm = maxGradNorm;
  }

  /** The configuration that rebuilds this optimizer with `createOptimizer`. */
  abstract getConfig(): OptimizerConfig;

  /** Update every parameter from its gradient (by parameter name). Runs inside `tf.tidy`. */
  step(grads: Record<string, tf.Tensor>): void {
    this.stepCount++;
    tf.tidy(() => {
      let g = grads;
      if (this.maxGradNorm !== undefined) {
        const clipped = clipGradNorm(grads, this.maxGradNorm);
        g = clipped.grads;
        this.lastGradNorm = clipped.norm;
      }
      for (const [name, p] of this.params) {
        const gi = g[name];
        if (gi) this.update(name, p, gi);
      }
    });
  }

  /** Apply one update to one parameter. */
  protected abstract update(name: string, param: tf.Variable, grad: tf.Tensor): void;

  /** The slot variable `<name>.<slot>`, or undefined before its first step. */
  protected getSlot(name: string, slot: string): tf.Variable | undefined {
    return this.slots.get(`${name}.${slot}`);
  }

  /** Set (creating on first use) the slot variable `<name>.<slot>`. */
  protected setSlot(name: string, slot: string, value: tf.Tensor): void {
    const key = `${name}.${slot}`;
    const existing = this.slots.get(key);
    if (existing) existing.assign(value);
    else this.slots.set(key, tf.keep(tf.variable(value, false)));
  }

  /** Common options as config entries (only those set). */
  protected commonConfig(): Record<string, number> {
    return { lr: this.lr, ...(this.maxGradNorm !== undefined ? { maxGradNorm: this.maxGradNorm } : {}) };
  }

  /** A copy of the step count, learning rate and buffers, for checkpoints. */
  stateDict(): OptimizerState {
    const buffers: StateDict = {};
    for (const [key, v] of this.slots) {
      buffers[key] = { shape: v.shape.slice(), data: Float32Array.from(v.dataSync() as Float32Array) };
    }
    return { step: this.stepCount, lr: this.lr, buffers };
  }

  /** Restore a state from {@link Optimizer.stateDict}. */
  loadStateDict(state: OptimizerState): void {
    this.stepCount = state.step;
    this.lr = state.lr;
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
    for (const [key, t] of Object.entries(state.buffers)) {
      // The variable takes its own reference to the value's data: release the value explicitly (a
      // tidy around tf.variable left one tensor per slot alive on every resume).
      const value = tf.tensor(Float32Array.from(t.data), t.shape);
      this.slots.set(key, tf.variable(value, false));
      value.dispose();
    }
  }

  /** Release the slot variables. */
  dispose(): void {
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
  }
}
