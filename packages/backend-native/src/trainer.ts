import { ACT, type NativeAddon, loadAddon } from "./addon.js";
import { type FusedOptimizer, nativeOptimizerConfig } from "./optimizer-config.js";

export type FusedActivation = "relu" | "identity" | "tanh" | "sigmoid";

export type { FusedOptimizer } from "./optimizer-config.js";

export interface FusedMlpTrainerOptions {
  /** Layer widths, input first: [784, 512, 256, 128, 64, 10]. */
  layers: number[];
  /** Activation between hidden layers; none after the last Linear. */
  activation: FusedActivation;
  /** [W0, b0, W1, b1, ...], W as [out, in] row-major (PyTorch); updated in place by step(). */
  params: Float32Array[];
  optimizer: FusedOptimizer;
  /** Rows of scratch to allocate up front (grows on demand); default 256. */
  maxBatch?: number;
}

export interface FusedOptimizerState {
  step: number;
  /** SGD with momentum: momentum_buffer per param; Adam/AdamW: exp_avg per param, then exp_avg_sq per param. */
  buffers: Float32Array[];
}

/**
 * One native call per training step of Linear/activation stacks ending in log-softmax + NLL (mean), with
 * PyTorch's SGD / Adam / AdamW update formulas. Forward, backward and update run in the addon on all
 * threads; the parameters are the caller's Float32Arrays, updated in place.
 */
export class FusedMlpTrainer {
  readonly layers: readonly number[];
  private readonly addon: NativeAddon;
  private readonly opts: FusedMlpTrainerOptions;
  private handle: object | null;
  private maxBatch: number;
  private lr: number;
  private readonly out = new Float64Array(2);

  constructor(options: FusedMlpTrainerOptions) {
    const load = loadAddon();
    if (!load.ok) throw new Error(`FusedMlpTrainer: ${load.reason}`);
    this.addon = load.addon;
    const { layers, params, activation, optimizer } = options;
    if (!Array.isArray(layers) || layers.length < 2 || layers.some((d) => !Number.isInteger(d) || d < 1))
      throw new Error("FusedMlpTrainer: layers must be at least two positive integers");
    if (!(activation in ACT)) throw new Error(`FusedMlpTrainer: unknown activation ${String(activation)}`);
    if (params.length !== 2 * (layers.length - 1))
      throw new Error("FusedMlpTrainer: params must be [W0, b0, W1, b1, ...], one pair per Linear layer");
    if (!["sgd", "adam", "adamw"].includes(optimizer.kind))
      throw new Error(`FusedMlpTrainer: unknown optimizer ${String((optimizer as { kind: string }).kind)}`);
    if (
      optimizer.kind === "sgd" &&
      optimizer.nesterov &&
      (!(optimizer.momentum ?? 0) || (optimizer.dampening ?? 0) !== 0)
    )
      throw new Error(
        "FusedMlpTrainer: Nesterov momentum requires a momentum > 0 and zero dampening (as torch.optim.SGD)",
      );
    params.forEach((p, i) => {
      const l = i >> 1;
      const want =
        i % 2 === 0 ? (layers[l + 1] as number) * (layers[l] as number) : (layers[l + 1] as number);
      if (!(p instanceof Float32Array) || p.length !== want)
        throw new Error(
          `FusedMlpTrainer: params[${i}] must be a Float32Array of ${want} elements (${i % 2 === 0 ? "W [out, in]" : "b [out]"})`,
        );
    });
    this.layers = [...layers];
    this.opts = { ...options, params: [...params] };
    this.maxBatch = Math.max(1, options.maxBatch ?? 256);
    this.lr = optimizer.lr;
    this.handle = this.create(this.maxBatch);
  }

  private create(maxBatch: number): object {
    return this.addon.mlpCreate(
      Int32Array.from(this.layers),
      ACT[this.opts.activation],
      this.opts.params,
      nativeOptimizerConfig(this.opts.optimizer, this.lr),
      maxBatch,
    );
  }

  private live(): object {
    if (!this.handle) throw new Error("FusedMlpTrainer: used after dispose()");
    return this.handle;
  }

  private ensureBatch(batch: number): void {
    if (batch <= this.maxBatch) return;
    const state = this.getOptimizerState();
    this.addon.mlpDispose(this.live());
    this.maxBatch = batch;
    this.handle = this.create(batch);
    this.setOptimizerState(state);
  }

  /** One training step on `batch` rows of x (batch*in floats) with labels y; returns the mean NLL and hits. */
  step(x: Float32Array, y: Int32Array, batch: number): { loss: number; correct: number } {
    const h = this.live();
    this.ensureBatch(batch);
    this.addon.mlpStep(this.handle ?? h, x, y, batch, this.out);
    return { loss: this.out[0] as number, correct: this.out[1] as number };
  }

  /** Forward pass only over n rows: summed NLL, hits and argmax predictions. */
  evaluate(
    x: Float32Array,
    y: Int32Array,
    n: number,
  ): { lossSum: number; correct: number; predictions: Int32Array } {
    const predictions = new Int32Array(n);
    this.addon.mlpEval(this.live(), x, y, n, predictions, this.out);
    return { lossSum: this.out[0] as number, correct: this.out[1] as number, predictions };
  }

  setLearningRate(lr: number): void {
    this.lr = lr;
    this.addon.mlpSetLr(this.live(), lr);
  }

  getOptimizerState(): FusedOptimizerState {
    return this.addon.mlpGetState(this.live());
  }

  setOptimizerState(state: FusedOptimizerState): void {
    this.addon.mlpSetState(this.live(), state.step, state.buffers);
  }

  dispose(): void {
    if (this.handle) this.addon.mlpDispose(this.handle);
    this.handle = null;
  }
}
