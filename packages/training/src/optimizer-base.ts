import type { StateDict } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
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

/**
 * Base of mlp-lab's optimizers: holds named parameters and per-parameter slot variables, and
 * applies PyTorch's update formulas so the same hyperparameters mean the same thing.
 */
export abstract class Optimizer {
  /** Learning rate; schedulers change it between epochs. */
  lr: number;
  /** Steps taken. */
  stepCount = 0;
  protected readonly params: ReadonlyArray<[string, tf.Variable]>;
  private readonly slots = new Map<string, tf.Variable>();

  constructor(params: ReadonlyArray<[string, tf.Variable]>, lr: number) {
    if (!(lr > 0) || !Number.isFinite(lr)) {
      throw new TrainingError("BAD_OPTION", `learning rate must be a positive number, got ${lr}`);
    }
    this.params = params;
    this.lr = lr;
  }

  /** Update every parameter from its gradient (by parameter name). Runs inside `tf.tidy`. */
  step(grads: Record<string, tf.Tensor>): void {
    this.stepCount++;
    tf.tidy(() => {
      for (const [name, p] of this.params) {
        const g = grads[name];
        if (g) this.update(name, p, g);
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

  /** A copy of the step count, learning rate and buffers, for checkpoints. */
  getState(): OptimizerState {
    const buffers: StateDict = {};
    for (const [key, v] of this.slots) {
      buffers[key] = { shape: v.shape.slice(), data: Float32Array.from(v.dataSync() as Float32Array) };
    }
    return { step: this.stepCount, lr: this.lr, buffers };
  }

  /** Restore a state from {@link Optimizer.getState}. */
  setState(state: OptimizerState): void {
    this.stepCount = state.step;
    this.lr = state.lr;
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
    for (const [key, t] of Object.entries(state.buffers)) {
      this.slots.set(key, tf.keep(tf.variable(tf.tensor(Float32Array.from(t.data), t.shape), false)));
    }
  }

  /** Release the slot variables. */
  dispose(): void {
    for (const v of this.slots.values()) v.dispose();
    this.slots.clear();
  }
}
