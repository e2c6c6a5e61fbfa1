import { MLP, type Module, TwoLayerMLP } from "@mlp-lab/models";
import * as tf from "@tensorflow/tfjs-core";
import type { TrainingBatch } from "./batch-source.js";
import { generalStepper } from "./deferred-read-stepper.js";
import { TrainingError } from "./errors.js";
import type { Optimizer } from "./optimizer-base.js";
import { type BatchResult, type Stepper, TfjsStepper } from "./stepper.js";

// The slice of @mlp-lab/backend-native used here. That package is optional: it is imported only
// when its backend is the active one, so training never requires a native build.
interface FusedTrainer {
  step(x: Float32Array, y: Int32Array, batch: number): { loss: number; correct: number };
  evaluate(x: Float32Array, y: Int32Array, n: number): { lossSum: number; correct: number };
  setLearningRate(lr: number): void;
  getOptimizerState(): { step: number; buffers: Float32Array[] };
  setOptimizerState(state: { step: number; buffers: Float32Array[] }): void;
  dispose(): void;
}
interface NativeModule {
  NATIVE_BACKEND_NAME: string;
  FusedMlpTrainer: new (options: {
    layers: number[];
    activation: "relu" | "identity" | "tanh" | "sigmoid";
    params: Float32Array[];
    optimizer: { kind: "sgd" | "adam" | "adamw"; lr: number } & Record<string, number | boolean | string>;
  }) => FusedTrainer;
}

const NATIVE_PACKAGE = "@mlp-lab/backend-native";

/** The Linear stack of a model that the fused step computes exactly, or undefined. */
export function fusableStack(
  model: Module,
): { layers: number[]; activation: "relu" | "identity" | "tanh" | "sigmoid" } | undefined {
  if (model instanceof TwoLayerMLP) {
    return {
      layers: [model.dIn, model.linear1.outFeatures, model.linear2.outFeatures],
      activation: "identity",
    };
  }
  if (model instanceof MLP && model.dropout === 0)
    return { layers: [...model.layers], activation: model.activation };
  return undefined;
}

/** Slot names per optimizer kind, in the order the fused trainer lays out its buffers. */
const SLOTS: Record<string, string[]> = {
  sgd: ["momentum_buffer"],
  adam: ["exp_avg", "exp_avg_sq"],
  adamw: ["exp_avg", "exp_avg_sq"],
};

/**
 * Runs each training step as one native call (forward, backward and the optimizer's update, on
 * all cores) for Linear/activation stacks, with the same formulas as the general path. The
 * parameters live in Float32Arrays during an epoch; {@link NativeFusedStepper.syncToModel} copies them
 * and the optimizer's buffers back into the tfjs variables and slots.
 */
export class NativeFusedStepper implements Stepper {
  private readonly named: Array<[string, tf.Variable]>;
  private readonly params: Float32Array[];
  private readonly trainer: FusedTrainer;
  private readonly slots: string[];
  private lr: number;

  constructor(
    native: NativeModule,
    model: Module,
    private readonly optimizer: Optimizer,
    stack: { layers: number[]; activation: "relu" | "identity" | "tanh" | "sigmoid" },
  ) {
    this.named = model.namedParameters();
    this.params = this.named.map(([, v]) => Float32Array.from(v.dataSync() as Float32Array));
    const config = optimizer.getConfig();
    const kind = config.kind as "sgd" | "adam" | "adamw";
    this.slots = SLOTS[kind] ?? [];
    this.lr = optimizer.lr;
    this.trainer = new native.FusedMlpTrainer({
      ...stack,
      params: this.params,
      optimizer: { ...config.options, kind, lr: optimizer.lr },
    });
    const state = optimizer.stateDict();
    const buffers: Float32Array[] = [];
    for (const slot of this.slots) {
      for (const [name] of this.named) {
        const b = state.buffers[`${name}.${slot}`];
        if (b) buffers.push(Float32Array.from(b.data));
      }
    }
    if (state.step > 0 && buffers.length === this.slots.length * this.named.length) {
      this.trainer.setOptimizerState({ step: state.step, buffers });
    }
  }

  trainStep(batch: TrainingBatch): BatchResult {
    if (this.optimizer.lr !== this.lr) {
      this.lr = this.optimizer.lr;
      this.trainer.setLearningRate(this.lr);
    }
    this.optimizer.stepCount++;
    return this.trainer.step(batch.x, batch.y, batch.size);
  }

  evalStep(batch: TrainingBatch): BatchResult {
    const r = this.trainer.evaluate(batch.x, batch.y, batch.size);
    return { loss: r.lossSum / batch.size, correct: r.correct };
  }

  syncToModel(): void {
    tf.tidy(() => {
      this.named.forEach(([, v], i) =>
        v.assign(tf.tensor(Float32Array.from(this.params[i]!), v.shape, "float32")),
      );
    });
    const { step, buffers } = this.trainer.getOptimizerState();
    if (buffers.length === this.slots.length * this.named.length) {
      const dict: Record<string, { shape: number[]; data: Float32Array }> = {};
      let k = 0;
      for (const slot of this.slots) {
        for (const [name, v] of this.named) {
          dict[`${name}.${slot}`] = { shape: v.shape.slice(), data: Float32Array.from(buffers[k++]!) };
        }
      }
      this.optimizer.loadStateDict({ step, lr: this.optimizer.lr, buffers: dict });
    }
  }

  dispose(): void {
    this.trainer.dispose();
  }
}

/** Options of {@link createStepper}. */
export interface CreateStepperOptions {
  /**
   * Use the fused native step: `undefined` (default) picks it automatically where it applies,
   * `false` always takes the general tfjs path, `true` requires it and throws a
   * `TrainingError` (`BAD_OPTION`) saying why when it cannot be used (like PyTorch's `fused=True`).
   */
  fused?: boolean;
}

/** Why the fused step cannot train this model with this optimizer, or undefined when it can. */
function unfusableReason(model: Module, optimizer: Optimizer): string | undefined {
  const config = optimizer.getConfig();
  if (fusableStack(model) === undefined)
    return "the model is not a plain Linear stack (TwoLayerMLP, or MLP without dropout)";
  if (!(config.kind in SLOTS)) return `optimizer ${config.kind} has no fused update (sgd, adam, adamw do)`;
  if (config.options.maxGradNorm !== undefined) return "gradient clipping (maxGradNorm) is not fused";
  if (config.options.amsgrad === true) return "AMSGrad is not fused";
  return undefined;
}

/**
 * The stepper for this model, optimizer and backend: by default the fused native step when the
 * `native` backend is active and the model is a plain Linear stack trained by SGD, Adam or AdamW
 * (no gradient clipping, no AMSGrad), else the general tfjs path. See {@link CreateStepperOptions.fused}.
 */
export async function createStepper(
  model: Module,
  optimizer: Optimizer,
  options: CreateStepperOptions = {},
): Promise<Stepper> {
  if (options === null || typeof options !== "object") {
    throw new TrainingError("BAD_OPTION", "createStepper: options must be an object");
  }
  const { fused } = options;
  if (fused !== undefined && typeof fused !== "boolean") {
    throw new TrainingError(
      "BAD_OPTION",
      `createStepper: options.fused must be a boolean, got ${String(fused)}`,
    );
  }
  const general = () => generalStepper(model, optimizer);
  if (fused === false) return general();
  const refuse = (reason: string): Stepper => {
    if (fused === true) throw new TrainingError("BAD_OPTION", `fused: true cannot be honoured: ${reason}`);
    return general();
  };
  const reason = unfusableReason(model, optimizer);
  if (reason) return refuse(reason);
  let native: NativeModule;
  try {
    native = (await import(/* @vite-ignore */ NATIVE_PACKAGE)) as NativeModule;
  } catch {
    return refuse(`${NATIVE_PACKAGE} is not installed`);
  }
  if (tf.getBackend() !== native.NATIVE_BACKEND_NAME) {
    return refuse(`the active backend is ${tf.getBackend()}, not ${native.NATIVE_BACKEND_NAME}`);
  }
  return new NativeFusedStepper(native, model, optimizer, fusableStack(model)!);
}
