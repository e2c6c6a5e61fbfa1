import { MathBackendCPU } from "@tensorflow/tfjs-backend-cpu";
import * as tf from "@tensorflow/tfjs-core";
import { loadAddon } from "./addon.js";
import { NativeBackend } from "./backend.js";
import { type FusedOptimizer, nativeOptimizerConfig, optimizerBuffers } from "./optimizer-config.js";

/** The addon entry this file uses (native/addon.cc `OptimizerUpdate`). */
interface OptimizerUpdateAddon {
  optimizerUpdate(
    opt: object,
    steps: Float64Array,
    params: Float32Array[],
    grads: Float32Array[],
    buf1: (Float32Array | null)[],
    buf2: (Float32Array | null)[],
  ): void;
}

/** tfjs-core's `NamedTensor` (not exported from its main entry). */
interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

interface Slot {
  buf1: Float32Array | null;
  buf2: Float32Array | null;
  /** Updates applied to this variable (PyTorch's per-parameter `state["step"]`). */
  step: number;
}

/**
 * A `tf.Optimizer` with PyTorch's `SGD` (momentum, dampening, nesterov, weight decay), `Adam` and
 * `AdamW` formulas whose update runs in one native call for all variables, in place on the tensors'
 * arrays (the fused trainer's update code). For the `native` backend (also works on `cpu`, whose storage
 * it shares); drop-in where a tfjs optimizer goes: `optimizer.minimize(loss)` or
 * `optimizer.applyGradients(tf.variableGrads(loss).grads)`.
 *
 * A variable is updated in place when the native backend allocated its array and nothing else can see
 * it (no other tensor shares it, no `dataSync()` handed it out); otherwise the update writes a new array
 * and assigns it, so tensors and arrays the caller holds never change under them.
 */
export class NativeOptimizer extends tf.Optimizer {
  /** Registered class name (tfjs serialization). */
  static get className(): string {
    return "MlpLabNativeOptimizer";
  }

  /** Learning rate; a scheduler may change it between steps. */
  lr: number;
  private readonly options: FusedOptimizer;
  private readonly addon: OptimizerUpdateAddon;
  private readonly slots = new Map<string, Slot>();

  constructor(options: FusedOptimizer) {
    super();
    const load = loadAddon();
    if (!load.ok) throw new Error(`NativeOptimizer: ${load.reason}`);
    const addon = load.addon as unknown as Partial<OptimizerUpdateAddon>;
    if (typeof addon.optimizerUpdate !== "function")
      throw new Error(
        "NativeOptimizer: the native addon is older than this package; rebuild it (build:native)",
      );
    this.addon = addon as OptimizerUpdateAddon;
    validate(options);
    this.options = { ...options };
    this.lr = options.lr;
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | NamedTensor[]): void {
    const list: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    const backend = tf.backend();
    if (!(backend instanceof MathBackendCPU))
      throw new Error(`NativeOptimizer: works on the native or cpu backend, not on '${tf.getBackend()}'`);
    const pool = backend instanceof NativeBackend ? backend.pool : null;
    const [need1, need2] = optimizerBuffers(this.options);
    const params: Float32Array[] = [];
    const grads: Float32Array[] = [];
    const buf1: (Float32Array | null)[] = [];
    const buf2: (Float32Array | null)[] = [];
    const slots: Slot[] = [];
    const assigns: [tf.Variable, Float32Array][] = [];
    for (const [name, grad] of list) {
      if (grad == null) continue;
      const variable = tf.engine().registeredVariables[name];
      if (!variable) throw new Error(`NativeOptimizer: no variable named '${name}'`);
      if (variable.dtype !== "float32" || grad.dtype !== "float32")
        throw new Error(`NativeOptimizer: variable '${name}' and its gradient must be float32`);
      if (grad.size !== variable.size)
        throw new Error(
          `NativeOptimizer: the gradient of '${name}' has ${grad.size} elements, the variable ${variable.size}`,
        );
      const entry = backend.data.get(variable.dataId);
      const gv = backend.data.get(grad.dataId)?.values;
      if (!entry || !(entry.values instanceof Float32Array) || !(gv instanceof Float32Array))
        throw new Error(
          `NativeOptimizer: variable '${name}' is not stored on the ${tf.getBackend()} backend`,
        );
      let p = entry.values;
      if (!(pool?.owns(p) && entry.refCount === 1)) {
        const fresh = pool ? pool.alloc(p.length) : new Float32Array(p.length);
        fresh.set(p);
        assigns.push([variable, fresh]);
        p = fresh;
      }
      let slot = this.slots.get(name);
      if (!slot) {
        slot = {
          buf1: need1 ? new Float32Array(p.length) : null,
          buf2: need2 ? new Float32Array(p.length) : null,
          step: 0,
        };
        this.slots.set(name, slot);
      }
      params.push(p);
      grads.push(gv);
      buf1.push(slot.buf1);
      buf2.push(slot.buf2);
      slots.push(slot);
    }
    if (params.length === 0) return;
    const steps = Float64Array.from(slots, (s) => s.step + 1);
    this.addon.optimizerUpdate(
      nativeOptimizerConfig(this.options, this.lr),
      steps,
      params,
      grads,
      buf1,
      buf2,
    );
    for (const s of slots) s.step++;
    for (const [variable, values] of assigns) {
      const t = tf.tensor(values, variable.shape, "float32");
      variable.assign(t);
      t.dispose();
    }
    this.incrementIterations();
  }

  override async getWeights(): Promise<NamedTensor[]> {
    const out: NamedTensor[] = [await this.saveIterations()];
    for (const [name, s] of this.slots) {
      out.push({ name: `${name}/step`, tensor: tf.scalar(s.step, "int32") });
      if (s.buf1) out.push({ name: `${name}/buf1`, tensor: tf.tensor1d(Float32Array.from(s.buf1)) });
      if (s.buf2) out.push({ name: `${name}/buf2`, tensor: tf.tensor1d(Float32Array.from(s.buf2)) });
    }
    return out;
  }

  override async setWeights(weightValues: NamedTensor[]): Promise<void> {
    const rest = await this.extractIterations(weightValues);
    const [need1, need2] = optimizerBuffers(this.options);
    this.slots.clear();
    const byName = new Map(rest.map((w) => [w.name, w.tensor]));
    for (const [key, t] of byName) {
      if (!key.endsWith("/step")) continue;
      const name = key.slice(0, -"/step".length);
      const read = (which: string) => {
        const b = byName.get(`${name}/${which}`);
        if (!b) throw new Error(`NativeOptimizer.setWeights: '${name}/${which}' missing`);
        return Float32Array.from(b.dataSync() as Float32Array);
      };
      this.slots.set(name, {
        step: (t.dataSync() as Int32Array)[0] ?? 0,
        buf1: need1 ? read("buf1") : null,
        buf2: need2 ? read("buf2") : null,
      });
    }
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...this.options, lr: this.lr };
  }

  override dispose(): void {
    this.slots.clear();
    super.dispose();
  }
}

function validate(o: FusedOptimizer): void {
  if (!o || !["sgd", "adam", "adamw"].includes(o.kind))
    throw new Error(
      `NativeOptimizer: kind must be sgd, adam or adamw, got ${String((o as { kind?: unknown })?.kind)}`,
    );
  if (!(o.lr > 0) || !Number.isFinite(o.lr)) throw new Error(`NativeOptimizer: lr must be > 0, got ${o.lr}`);
  if (o.kind === "sgd" && o.nesterov && (!(o.momentum ?? 0) || (o.dampening ?? 0) !== 0))
    throw new Error(
      "NativeOptimizer: nesterov requires a momentum > 0 and zero dampening (as torch.optim.SGD)",
    );
  for (const key of ["momentum", "dampening", "weightDecay", "beta1", "beta2", "eps"] as const) {
    const v = (o as Record<string, unknown>)[key];
    if (v !== undefined && (typeof v !== "number" || !(v >= 0) || !Number.isFinite(v)))
      throw new Error(`NativeOptimizer: ${key} must be a number >= 0, got ${String(v)}`);
  }
}
