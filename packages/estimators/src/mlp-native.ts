import type { SklearnActivation } from "./mlp-classifier.js";
import type { EstimatorNativeKernels } from "./native-kernels.js";

/** The native kernels the trainer runs on: the GEMM, and the update when the addon has it. */
export type MlpKernels = Pick<Required<EstimatorNativeKernels>, "gemm"> &
  Pick<EstimatorNativeKernels, "sklearnUpdate">;

/** scikit-learn's update rule and its settings. */
export type NativeSolverConfig =
  | { kind: "sgd"; lr: number; momentum: number; nesterov: boolean }
  | { kind: "adam"; lr: number; beta1: number; beta2: number; epsilon: number };

// Activation codes of the GEMM epilogue (backend-native's ACT).
const ACT_CODE: Record<SklearnActivation, number> = { identity: 0, relu: 1, tanh: 2, logistic: 3 };

/**
 * MLPClassifier's mini-batch step on plain Float32Arrays with the native GEMM: the same model, loss and
 * scikit-learn update rules as the tfjs path of {@link MLPClassifier} (its fallback), without a tensor per
 * operation. Per batch: forward GEMMs with the bias and activation applied in their epilogue, the softmax
 * and log loss in double precision, backward GEMMs into preallocated buffers (no input gradient for the
 * first layer), then one loop per parameter that adds the L2 term, applies the update and sums the squares
 * of the new weights (the next batch's penalty).
 */
export class NativeMlpTrainer {
  /** Weights [out, in] row-major, then biases, per layer (the tfjs variables' layout). */
  readonly weights: Float32Array[];
  readonly biases: Float32Array[];
  private readonly sizes: number[];
  private readonly act: number;
  private readonly h: Float32Array[];
  private readonly dz: Float32Array[];
  private readonly gw: Float32Array[];
  private readonly gb: Float32Array[];
  private readonly params: Float32Array[];
  private readonly grads: Float32Array[];
  private readonly state1: Float32Array[];
  private readonly state2: Float32Array[];
  private t = 0;
  private sqNorm: number;
  private readonly gemm: MlpKernels["gemm"];
  private readonly nativeUpdate: MlpKernels["sklearnUpdate"];
  private readonly hyper = new Float64Array(8);

  constructor(
    kernels: MlpKernels,
    sizes: number[],
    private readonly activation: SklearnActivation,
    weights: Float32Array[],
    biases: Float32Array[],
    private readonly solver: NativeSolverConfig,
    private readonly alpha: number,
    maxBatch: number,
  ) {
    this.gemm = kernels.gemm;
    this.nativeUpdate = kernels.sklearnUpdate;
    this.sizes = sizes;
    this.act = ACT_CODE[activation];
    this.weights = weights;
    this.biases = biases;
    const layers = sizes.length - 1;
    this.h = Array.from({ length: layers }, (_, l) => new Float32Array(maxBatch * sizes[l + 1]!));
    this.dz = Array.from({ length: layers }, (_, l) => new Float32Array(maxBatch * sizes[l + 1]!));
    this.gw = weights.map((w) => new Float32Array(w.length));
    this.gb = biases.map((b) => new Float32Array(b.length));
    const params = [...weights, ...biases];
    this.params = params;
    this.grads = [...this.gw, ...this.gb];
    this.state1 = params.map((p) => new Float32Array(p.length));
    this.state2 = solver.kind === "adam" ? params.map((p) => new Float32Array(p.length)) : [];
    this.sqNorm = 0;
    for (const w of weights) for (let i = 0; i < w.length; i++) this.sqNorm += w[i]! * w[i]!;
  }

  /** Replace the parameters (e.g. the best ones kept by early stopping); the solver state stays. */
  load(weights: readonly Float32Array[], biases: readonly Float32Array[]): void {
    weights.forEach((w, i) => this.weights[i]!.set(w));
    biases.forEach((b, i) => this.biases[i]!.set(b));
    this.sqNorm = 0;
    for (const w of this.weights) for (let i = 0; i < w.length; i++) this.sqNorm += w[i]! * w[i]!;
  }

  /** Log-probabilities [rows, classes] of `x` (rows x features) into `out`; uses the trainer's buffers. */
  logProbs(x: Float32Array, rows: number, out: Float32Array): void {
    const logits = this.forward(x, rows);
    const k = this.sizes[this.sizes.length - 1]!;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[o + c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += Math.exp(logits[o + c]! - max);
      const lse = max + Math.log(sum);
      for (let c = 0; c < k; c++) out[o + c] = logits[o + c]! - lse;
    }
  }

  private forward(x: Float32Array, rows: number): Float32Array {
    const layers = this.sizes.length - 1;
    let input = x;
    for (let l = 0; l < layers; l++) {
      const act = l === layers - 1 ? 0 : this.act;
      const nIn = this.sizes[l]!;
      const nOut = this.sizes[l + 1]!;
      this.gemm(
        input,
        false,
        this.weights[l]!,
        true,
        this.h[l]!,
        rows,
        nOut,
        nIn,
        this.biases[l]!,
        act,
        false,
      );
      input = this.h[l]!;
    }
    return this.h[layers - 1]!;
  }

  /**
   * One mini-batch step on `x` (rows x features, float32) and encoded labels `y`; returns the batch's
   * loss, mean log loss plus α/(2·rows)·‖W‖², as scikit-learn reports it.
   */
  step(x: Float32Array, y: Int32Array, rows: number): number {
    const { sizes } = this;
    const layers = sizes.length - 1;
    const k = sizes[layers]!;
    const logits = this.forward(x, rows);
    // log-softmax, log loss and d loss / d logits = (softmax - onehot) / rows, rounded to float32 after
    // each operation as the tfjs path's tensors are (its logSoftmax gradient: dy - sum(dy) * exp(logp)),
    // so that both paths follow the same trajectory (SGD amplifies per-step rounding differences).
    const dLast = this.dz[layers - 1]!;
    const f = Math.fround;
    const dyLabel = f(-1 / rows);
    let nll = 0;
    for (let r = 0; r < rows; r++) {
      const o = r * k;
      let max = Number.NEGATIVE_INFINITY;
      for (let c = 0; c < k; c++) max = Math.max(max, logits[o + c]!);
      let sum = 0;
      for (let c = 0; c < k; c++) sum = f(sum + f(Math.exp(f(logits[o + c]! - max))));
      const lse = f(Math.log(sum));
      const label = y[r]!;
      for (let c = 0; c < k; c++) {
        const logp = f(f(logits[o + c]! - max) - lse);
        if (c === label) nll -= logp;
        dLast[o + c] = f((c === label ? dyLabel : 0) - f(dyLabel * f(Math.exp(logp))));
      }
    }
    const loss = nll / rows + (0.5 * this.alpha * this.sqNorm) / rows;
    for (let l = layers - 1; l >= 0; l--) {
      const nIn = sizes[l]!;
      const nOut = sizes[l + 1]!;
      const dz = this.dz[l]!;
      const input = l === 0 ? x : this.h[l - 1]!;
      // dW = dzᵀ · input [out, in]; db = column sums of dz
      this.gemm(dz, true, input, false, this.gw[l]!, nOut, nIn, rows, null, 0, false);
      const gb = this.gb[l]!;
      gb.fill(0);
      for (let r = 0; r < rows; r++) {
        const o = r * nOut;
        for (let c = 0; c < nOut; c++) gb[c] = gb[c]! + dz[o + c]!;
      }
      if (l > 0) {
        // d input = dz · W [rows, in], then through the activation of layer l - 1 (from its output)
        const dPrev = this.dz[l - 1]!;
        this.gemm(dz, false, this.weights[l]!, false, dPrev, rows, nIn, nOut, null, 0, false);
        activationGrad(this.activation, this.h[l - 1]!, dPrev, rows * nIn);
      }
    }
    this.update(rows);
    return loss;
  }

  private update(rows: number): void {
    // the penalty's gradient as tfjs forms it: (2·w)·c with c = α/(2·rows) in float32
    const f = Math.fround;
    const l2 = f((0.5 * this.alpha) / rows);
    const s = this.solver;
    this.t++;
    if (this.nativeUpdate) {
      const h = this.hyper;
      if (s.kind === "sgd") h.set([s.lr, s.momentum, s.nesterov ? 1 : 0, 0, 0, 0, this.t, l2]);
      else h.set([s.lr, 0, 0, s.beta1, s.beta2, s.epsilon, this.t, l2]);
      this.sqNorm = this.nativeUpdate(
        s.kind === "sgd" ? 0 : 1,
        this.params,
        this.grads,
        this.state1,
        this.state2,
        this.weights.length,
        h,
      );
      return;
    }
    let sq = 0;
    const layers = this.weights.length;
    for (let p = 0; p < 2 * layers; p++) {
      const isWeight = p < layers;
      const param = isWeight ? this.weights[p]! : this.biases[p - layers]!;
      const grad = isWeight ? this.gw[p]! : this.gb[p - layers]!;
      const decay = isWeight ? l2 : 0;
      const m = this.state1[p]!;
      let psq = 0;
      // float32 after each operation, in the tfjs solvers' order (see step)
      if (s.kind === "sgd") {
        const mu = f(s.momentum);
        const lr = f(s.lr);
        const { nesterov } = s;
        for (let i = 0; i < param.length; i++) {
          const w = param[i]!;
          const g = decay ? f(grad[i]! + f(decay * 2 * w)) : grad[i]!;
          const lg = f(g * lr);
          const v = f(f(m[i]! * mu) - lg);
          m[i] = v;
          const nw = f(w + (nesterov ? f(f(v * mu) - lg) : v));
          param[i] = nw;
          psq += nw * nw;
        }
      } else {
        const v2 = this.state2[p]!;
        const b1 = f(s.beta1);
        const b2 = f(s.beta2);
        const c1 = f(1 - s.beta1);
        const c2 = f(1 - s.beta2);
        const eps = f(s.epsilon);
        const lrT = f((s.lr * Math.sqrt(1 - s.beta2 ** this.t)) / (1 - s.beta1 ** this.t));
        for (let i = 0; i < param.length; i++) {
          const w = param[i]!;
          const g = decay ? f(grad[i]! + f(decay * 2 * w)) : grad[i]!;
          const mi = f(f(m[i]! * b1) + f(g * c1));
          const vi = f(f(v2[i]! * b2) + f(f(g * g) * c2));
          m[i] = mi;
          v2[i] = vi;
          const nw = f(w - f(f(mi / f(f(Math.sqrt(vi)) + eps)) * lrT));
          param[i] = nw;
          psq += nw * nw;
        }
      }
      // the penalty covers the weights only
      if (isWeight) sq += psq;
    }
    this.sqNorm = sq;
  }
}

/** dz ← dz · f'(pre-activation), written from the activation's output `h` (in place). */
function activationGrad(activation: SklearnActivation, h: Float32Array, dz: Float32Array, n: number): void {
  switch (activation) {
    case "relu":
      for (let i = 0; i < n; i++) if (!(h[i]! > 0)) dz[i] = 0;
      return;
    case "tanh":
      for (let i = 0; i < n; i++) dz[i] = dz[i]! * (1 - h[i]! * h[i]!);
      return;
    case "logistic":
      for (let i = 0; i < n; i++) dz[i] = dz[i]! * h[i]! * (1 - h[i]!);
      return;
    case "identity":
      return;
  }
}
