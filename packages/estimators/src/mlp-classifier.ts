import { type TensorData, dense } from "@mlp-lab/models";
import { Generator } from "@mlp-lab/random";
import * as tf from "@tensorflow/tfjs-core";
import { ConvergenceWarning, EstimatorError, emitWarning } from "./errors.js";
import { accuracyOf, encodeLabels } from "./label-encoder.js";
import { type Matrix, type MatrixLike, checkFeatures, checkFinite, checkLabels, toMatrix } from "./matrix.js";
import { NativeMlpTrainer } from "./mlp-native.js";
import { nativeKernels } from "./native-kernels.js";
import { SklearnAdam, SklearnSGD, type StochasticSolver } from "./sklearn-solvers.js";
import { stratifiedSplit } from "./stratified-split.js";
import {
  boolean,
  checkOptions,
  func,
  halfOpen,
  integerFrom,
  layerSizes,
  numberAbove,
  oneOf,
  openInterval,
} from "./validate.js";

const NAME = "MLPClassifier";

/** Hidden-layer activations, scikit-learn's names. */
export type SklearnActivation = "identity" | "logistic" | "tanh" | "relu";

/** Options of {@link MLPClassifier}, scikit-learn's names (camel-cased) and defaults. */
export interface MLPClassifierOptions {
  /** Units of each hidden layer. Default [100]. */
  hiddenLayerSizes?: number[];
  /** Hidden activation. Default `relu`. */
  activation?: SklearnActivation;
  /** `sgd` or `adam` (default). */
  solver?: "sgd" | "adam";
  /** L2 penalty on the weights (not the intercepts). Default 1e-4. */
  alpha?: number;
  /** Mini-batch size; default min(200, samples). */
  batchSize?: number;
  /** Learning rate (constant). Default 1e-3. */
  learningRateInit?: number;
  /** SGD momentum. Default 0.9. */
  momentum?: number;
  /** Nesterov momentum with SGD. Default true. */
  nesterovsMomentum?: boolean;
  /** Epoch limit. Default 200. */
  maxIter?: number;
  /** Minimum improvement of the loss (or validation score). Default 1e-4. */
  tol?: number;
  /** Epochs without `tol` improvement before stopping. Default 10. */
  nIterNoChange?: number;
  /** Hold out `validationFraction` (stratified) and stop on its accuracy. Default false. */
  earlyStopping?: boolean;
  /** Held-out fraction with `earlyStopping`. Default 0.1. */
  validationFraction?: number;
  /** Shuffle the samples each epoch. Default true. */
  shuffle?: boolean;
  /** Seed of the initial weights, shuffling and split. Default 0. */
  randomState?: number;
  /** Print `Iteration i, loss = ...` each epoch. Default false. */
  verbose?: boolean;
  /** Adam's β₁. Default 0.9. */
  beta1?: number;
  /** Adam's β₂. Default 0.999. */
  beta2?: number;
  /** Adam's ε. Default 1e-8. */
  epsilon?: number;
  /** Receives the ConvergenceWarning; default `process.emitWarning`. */
  onWarning?: (warning: ConvergenceWarning) => void;
  /** Where verbose lines go. Default `console.log`. */
  log?: (line: string) => void;
}

type Resolved = Required<Omit<MLPClassifierOptions, "onWarning" | "log" | "batchSize">> & {
  batchSize: number | undefined;
};

const EVAL_CHUNK = 5000;

/**
 * scikit-learn's `MLPClassifier` on tfjs: fully connected layers with Glorot-uniform
 * initialisation, softmax output and the mean log loss plus α/(2·batch)·‖W‖², trained with
 * scikit-learn's SGD (momentum, Nesterov) or Adam, its stopping rule (`tol`, `nIterNoChange`,
 * `earlyStopping`) and its ConvergenceWarning. The output layer is a softmax over all classes,
 * also for two classes (scikit-learn uses one logistic unit there).
 */
export class MLPClassifier {
  /** Options with defaults applied. */
  readonly options: Resolved;
  private readonly onWarning: ((warning: ConvergenceWarning) => void) | undefined;
  private readonly log: (line: string) => void;
  /** Class labels, sorted (`classes_`). */
  classes: number[] = [];
  /** Mean training loss (with penalty) of each epoch (`loss_curve_`). */
  lossCurve: number[] = [];
  /** Validation accuracy of each epoch with `earlyStopping` (`validation_scores_`). */
  validationScores: number[] = [];
  /** Best validation accuracy (`best_validation_score_`). */
  bestValidationScore: number | undefined;
  /** Lowest training loss (`best_loss_`). */
  bestLoss = Number.POSITIVE_INFINITY;
  /** Epochs run (`n_iter_`). */
  nIter = 0;
  /** Samples seen in training (`t_`). */
  t = 0;
  /** Features seen at fit. */
  nFeaturesIn = 0;
  private weights: tf.Variable[] = [];
  private biases: tf.Variable[] = [];
  private solver: StochasticSolver | undefined;
  // The native path (backend-native loaded): parameters live in the trainer, mirrored to the variables
  // after each epoch.
  private native: NativeMlpTrainer | undefined;
  private readonly rng: Generator;
  private noImprovement = 0;

  /**
   * @throws EstimatorError (`BAD_OPTION`) naming the option: an unknown name (with the closest known
   * one), or a value out of range (`MLPClassifier: options.alpha must be a finite number >= 0, got -1`).
   */
  constructor(options: MLPClassifierOptions = {}) {
    checkOptions(NAME, options, {
      hiddenLayerSizes: layerSizes,
      activation: oneOf(["identity", "logistic", "tanh", "relu"]),
      solver: oneOf(["sgd", "adam"]),
      alpha: numberAbove(0, true),
      batchSize: integerFrom(1),
      learningRateInit: numberAbove(0),
      momentum: halfOpen(0, 1),
      nesterovsMomentum: boolean,
      maxIter: integerFrom(1),
      tol: numberAbove(0, true),
      nIterNoChange: integerFrom(1),
      earlyStopping: boolean,
      validationFraction: openInterval(0, 1),
      shuffle: boolean,
      randomState: integerFrom(0),
      verbose: boolean,
      beta1: halfOpen(0, 1),
      beta2: halfOpen(0, 1),
      epsilon: numberAbove(0),
      onWarning: func,
      log: func,
    });
    this.options = {
      hiddenLayerSizes: options.hiddenLayerSizes ?? [100],
      activation: options.activation ?? "relu",
      solver: options.solver ?? "adam",
      alpha: options.alpha ?? 1e-4,
      batchSize: options.batchSize,
      learningRateInit: options.learningRateInit ?? 1e-3,
      momentum: options.momentum ?? 0.9,
      nesterovsMomentum: options.nesterovsMomentum ?? true,
      maxIter: options.maxIter ?? 200,
      tol: options.tol ?? 1e-4,
      nIterNoChange: options.nIterNoChange ?? 10,
      earlyStopping: options.earlyStopping ?? false,
      validationFraction: options.validationFraction ?? 0.1,
      shuffle: options.shuffle ?? true,
      randomState: options.randomState ?? 0,
      verbose: options.verbose ?? false,
      beta1: options.beta1 ?? 0.9,
      beta2: options.beta2 ?? 0.999,
      epsilon: options.epsilon ?? 1e-8,
    };
    this.onWarning = options.onWarning;
    this.log = options.log ?? ((line) => console.log(line));
    this.rng = new Generator(this.options.randomState);
  }

  /**
   * Train from scratch until the stopping rule or `maxIter`, on samples `X` (rows x features, finite) and
   * labels `y` (one per row, at least two classes).
   * @throws EstimatorError (`BAD_INPUT`) naming `X` or `y` and what is wrong with it.
   */
  fit(X: MatrixLike, y: ArrayLike<number>): this {
    const where = `${NAME}.fit`;
    const x = toMatrix(X, "X", where);
    checkFinite(x, "X", where);
    checkLabels(x, y, where);
    const { classes, encoded } = encodeLabels(y, undefined, where);
    this.reset(x.cols, classes);
    const o = this.options;
    let trainIdx = identity(x.rows);
    let valIdx: Int32Array | undefined;
    if (o.earlyStopping) {
      const split = stratifiedSplit(encoded, classes.length, o.validationFraction, this.rng);
      trainIdx = split.train;
      valIdx = split.val;
      this.bestValidationScore = Number.NEGATIVE_INFINITY;
    }
    let bestW: Float32Array[] | undefined;
    let bestB: Float32Array[] | undefined;
    for (let it = 0; it < o.maxIter; it++) {
      const loss = this.epoch(x, encoded, trainIdx);
      if (o.verbose) this.log(`Iteration ${this.nIter}, loss = ${loss.toFixed(8)}`);
      if (valIdx) {
        const score = accuracyOf(this.predictEncoded(x, valIdx), gather(encoded, valIdx));
        this.validationScores.push(score);
        if (o.verbose) this.log(`Validation score: ${score.toFixed(6)}`);
        if (score < this.bestValidationScore! + o.tol) this.noImprovement++;
        else this.noImprovement = 0;
        if (score > this.bestValidationScore!) {
          this.bestValidationScore = score;
          bestW = this.weights.map((w) => Float32Array.from(w.dataSync() as Float32Array));
          bestB = this.biases.map((b) => Float32Array.from(b.dataSync() as Float32Array));
        }
      } else {
        this.trackLoss(loss);
      }
      if (this.noImprovement > o.nIterNoChange) {
        const what = o.earlyStopping ? "Validation score" : "Training loss";
        if (o.verbose) {
          this.log(
            `${what} did not improve more than tol=${o.tol.toFixed(6)} for ${o.nIterNoChange} consecutive epochs. Stopping.`,
          );
        }
        break;
      }
      if (this.nIter === o.maxIter) {
        emitWarning(
          new ConvergenceWarning(
            `Stochastic Optimizer: Maximum iterations (${o.maxIter}) reached and the optimization hasn't converged yet.`,
          ),
          this.onWarning,
        );
      }
    }
    if (bestW && bestB) {
      tf.tidy(() => {
        this.weights.forEach((w, i) => w.assign(tf.tensor(bestW[i]!, w.shape)));
        this.biases.forEach((b, i) => b.assign(tf.tensor(bestB[i]!, b.shape)));
      });
      // a later partialFit continues from the best weights, as scikit-learn's does
      this.native?.load(bestW, bestB);
    }
    return this;
  }

  /**
   * One epoch over `X`, `y`, continuing from the current weights (scikit-learn's `partial_fit`).
   * The first call needs `classes` unless `y` holds every class.
   */
  partialFit(X: MatrixLike, y: ArrayLike<number>, classes?: readonly number[]): this {
    const where = `${NAME}.partialFit`;
    const x = toMatrix(X, "X", where);
    checkFinite(x, "X", where);
    checkLabels(x, y, where);
    if (
      classes !== undefined &&
      (!Array.isArray(classes) || classes.some((c) => typeof c !== "number" || !Number.isFinite(c)))
    ) {
      throw new EstimatorError(
        "BAD_INPUT",
        `${where}: classes must be an array of finite numbers`,
        "classes",
      );
    }
    if (this.weights.length === 0) {
      const enc = encodeLabels(y, classes ? [...new Set(classes)].sort((a, b) => a - b) : undefined, where);
      this.reset(x.cols, enc.classes);
    } else {
      checkFeatures(x, this.nFeaturesIn, NAME, where);
    }
    const { encoded } = encodeLabels(y, this.classes, where);
    const loss = this.epoch(x, encoded, identity(x.rows));
    if (this.options.verbose) this.log(`Iteration ${this.nIter}, loss = ${loss.toFixed(8)}`);
    this.trackLoss(loss);
    return this;
  }

  private trackLoss(loss: number): void {
    if (loss > this.bestLoss - this.options.tol) this.noImprovement++;
    else this.noImprovement = 0;
    if (loss < this.bestLoss) this.bestLoss = loss;
  }

  private reset(features: number, classes: number[]): void {
    this.dispose();
    const o = this.options;
    this.classes = classes;
    this.nFeaturesIn = features;
    this.lossCurve = [];
    this.validationScores = [];
    this.bestLoss = Number.POSITIVE_INFINITY;
    this.bestValidationScore = undefined;
    this.nIter = 0;
    this.t = 0;
    this.noImprovement = 0;
    const sizes = [features, ...o.hiddenLayerSizes, classes.length];
    // Glorot uniform, scikit-learn's factor: 2 for the logistic activation, 6 otherwise.
    const factor = o.activation === "logistic" ? 2 : 6;
    const init: { w: Float32Array[]; b: Float32Array[] } = { w: [], b: [] };
    for (let l = 0; l < sizes.length - 1; l++) {
      const fanIn = sizes[l]!;
      const fanOut = sizes[l + 1]!;
      const bound = Math.sqrt(factor / (fanIn + fanOut));
      const w = this.rng.fillUniform(new Float32Array(fanOut * fanIn), -bound, bound);
      const b = this.rng.fillUniform(new Float32Array(fanOut), -bound, bound);
      this.weights.push(tf.variable(tf.tensor2d(w, [fanOut, fanIn])));
      this.biases.push(tf.variable(tf.tensor1d(b)));
      init.w.push(w);
      init.b.push(b);
    }
    const kernels = nativeKernels();
    if (kernels?.gemm) {
      this.native = new NativeMlpTrainer(
        { gemm: kernels.gemm, ...(kernels.sklearnUpdate ? { sklearnUpdate: kernels.sklearnUpdate } : {}) },
        sizes,
        o.activation,
        init.w,
        init.b,
        o.solver === "sgd"
          ? { kind: "sgd", lr: o.learningRateInit, momentum: o.momentum, nesterov: o.nesterovsMomentum }
          : { kind: "adam", lr: o.learningRateInit, beta1: o.beta1, beta2: o.beta2, epsilon: o.epsilon },
        o.alpha,
        o.batchSize ?? 200,
      );
      return;
    }
    this.solver =
      o.solver === "sgd"
        ? new SklearnSGD(o.learningRateInit, o.momentum, o.nesterovsMomentum)
        : new SklearnAdam(o.learningRateInit, o.beta1, o.beta2, o.epsilon);
  }

  private hidden(h: tf.Tensor): tf.Tensor {
    switch (this.options.activation) {
      case "relu":
        return tf.relu(h);
      case "tanh":
        return tf.tanh(h);
      case "logistic":
        return tf.sigmoid(h);
      case "identity":
        return h;
    }
  }

  private logProbs(x: tf.Tensor2D): tf.Tensor2D {
    let h: tf.Tensor2D = x;
    const last = this.weights.length - 1;
    for (let l = 0; l < last; l++) {
      h = this.hidden(dense(h, this.weights[l] as tf.Tensor2D, this.biases[l] as tf.Tensor1D)) as tf.Tensor2D;
    }
    return tf.logSoftmax(
      dense(h, this.weights[last] as tf.Tensor2D, this.biases[last] as tf.Tensor1D),
      1,
    ) as tf.Tensor2D;
  }

  /** One pass over `idx` in mini-batches; returns the sample-weighted mean batch loss. */
  private epoch(x: Matrix, y: Int32Array, idx: Int32Array): number {
    const o = this.options;
    const n = idx.length;
    const order = o.shuffle ? this.rng.shuffle(idx.slice()) : idx;
    const batchSize = Math.min(o.batchSize ?? 200, n);
    const k = this.classes.length;
    const vars = [...this.weights, ...this.biases];
    let accumulated = 0;
    if (this.native) {
      const xb = new Float32Array(batchSize * x.cols);
      const yb = new Int32Array(batchSize);
      for (let start = 0; start < n; start += batchSize) {
        const rows = order.subarray(start, Math.min(start + batchSize, n));
        fillBatch(x, y, rows, xb, yb);
        accumulated += this.native.step(xb, yb, rows.length) * rows.length;
      }
      this.syncVariables(this.native);
      return this.endEpoch(n, accumulated);
    }
    for (let start = 0; start < n; start += batchSize) {
      const rows = order.subarray(start, Math.min(start + batchSize, n));
      const { xb, yb } = batchOf(x, y, rows);
      const lossT = tf.tidy(() => {
        const xt = tf.tensor2d(xb, [rows.length, x.cols]);
        const onehot = tf.oneHot(tf.tensor1d(yb, "int32"), k);
        const { value, grads } = tf.variableGrads(() => {
          const nll = tf.neg(tf.mean(tf.sum(tf.mul(this.logProbs(xt), onehot), 1)));
          // scikit-learn adds α/2·‖W‖² divided by the batch size to each batch's loss.
          const sq = tf.addN(this.weights.map((w) => tf.sum(tf.square(w))));
          return tf.add(nll, tf.mul(sq, (0.5 * o.alpha) / rows.length)) as tf.Scalar;
        }, vars);
        this.solver!.update(
          vars,
          vars.map((v) => grads[v.name]!),
        );
        return value;
      });
      const loss = lossT.dataSync()[0]!;
      lossT.dispose();
      accumulated += loss * rows.length;
    }
    return this.endEpoch(n, accumulated);
  }

  private endEpoch(n: number, accumulated: number): number {
    this.nIter++;
    this.t += n;
    const loss = accumulated / n;
    this.lossCurve.push(loss);
    return loss;
  }

  /** Copy the native trainer's parameters into the tfjs variables (predictions and `coefs` read those). */
  private syncVariables(native: NativeMlpTrainer): void {
    tf.tidy(() => {
      this.weights.forEach((w, i) => w.assign(tf.tensor(native.weights[i]!, w.shape)));
      this.biases.forEach((b, i) => b.assign(tf.tensor(native.biases[i]!, b.shape)));
    });
  }

  private fittedInput(method: string, X: MatrixLike): Matrix {
    const where = `${NAME}.${method}`;
    if (this.weights.length === 0) throw new EstimatorError("NOT_FITTED", `${where}: call fit first`);
    const x = toMatrix(X, "X", where);
    checkFeatures(x, this.nFeaturesIn, NAME, where);
    checkFinite(x, "X", where);
    return x;
  }

  private forEachChunk(
    x: Matrix,
    idx: Int32Array,
    f: (logProbs: Float32Array, rows: number, at: number) => void,
  ): void {
    for (let start = 0; start < idx.length; start += EVAL_CHUNK) {
      const rows = idx.subarray(start, Math.min(start + EVAL_CHUNK, idx.length));
      const { xb } = batchOf(x, undefined, rows);
      const out = tf.tidy(() => tf.exp(this.logProbs(tf.tensor2d(xb, [rows.length, x.cols]))));
      f(out.dataSync() as Float32Array, rows.length, start);
      out.dispose();
    }
  }

  private predictEncoded(x: Matrix, idx: Int32Array): Int32Array {
    const k = this.classes.length;
    const out = new Int32Array(idx.length);
    this.forEachChunk(x, idx, (p, rows, at) => {
      for (let i = 0; i < rows; i++) {
        let best = 0;
        for (let c = 1; c < k; c++) if (p[i * k + c]! > p[i * k + best]!) best = c;
        out[at + i] = best;
      }
    });
    return out;
  }

  /** Class probabilities [samples × classes], row-major. */
  predictProba(X: MatrixLike): Float32Array {
    const x = this.fittedInput("predictProba", X);
    const k = this.classes.length;
    const out = new Float32Array(x.rows * k);
    this.forEachChunk(x, identity(x.rows), (p, _rows, at) => out.set(p, at * k));
    return out;
  }

  /** Predicted class label of each sample. */
  predict(X: MatrixLike): Float64Array {
    return this.labelsOf(this.fittedInput("predict", X));
  }

  private labelsOf(x: Matrix): Float64Array {
    return Float64Array.from(this.predictEncoded(x, identity(x.rows)), (c) => this.classes[c]!);
  }

  /** Mean accuracy on `X`, `y`. */
  score(X: MatrixLike, y: ArrayLike<number>): number {
    const x = this.fittedInput("score", X);
    checkLabels(x, y, `${NAME}.score`);
    return accuracyOf(this.labelsOf(x), y);
  }

  /** Weight matrices, scikit-learn's layout [inputs, outputs] (`coefs_`). */
  get coefs(): TensorData[] {
    return this.weights.map((w) => {
      const [out, inp] = w.shape as [number, number];
      const src = w.dataSync() as Float32Array;
      const data = new Float32Array(inp * out);
      for (let o = 0; o < out; o++) for (let i = 0; i < inp; i++) data[i * out + o] = src[o * inp + i]!;
      return { shape: [inp, out], data };
    });
  }

  /** Bias vectors (`intercepts_`). */
  get intercepts(): TensorData[] {
    return this.biases.map((b) => ({
      shape: b.shape.slice(),
      data: Float32Array.from(b.dataSync() as Float32Array),
    }));
  }

  /** Release the tfjs variables. */
  dispose(): void {
    for (const v of [...this.weights, ...this.biases]) v.dispose();
    this.weights = [];
    this.biases = [];
    this.solver?.dispose();
    this.solver = undefined;
    this.native = undefined;
  }
}

function identity(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

function gather(y: Int32Array, idx: Int32Array): Int32Array {
  return Int32Array.from(idx, (i) => y[i]!);
}

/** Rows `rows` of `x` and `y` into the first rows of `xb`, `yb` (float32, as the tfjs path feeds them). */
function fillBatch(x: Matrix, y: Int32Array, rows: Int32Array, xb: Float32Array, yb: Int32Array): void {
  const d = x.cols;
  const src = x.data;
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    if (src instanceof Float32Array) xb.set(src.subarray(i * d, i * d + d), r * d);
    else for (let j = 0; j < d; j++) xb[r * d + j] = src[i * d + j]!;
    yb[r] = y[i]!;
  }
}

function batchOf(
  x: Matrix,
  y: Int32Array | undefined,
  rows: Int32Array,
): { xb: Float32Array; yb: Int32Array } {
  const d = x.cols;
  const xb = new Float32Array(rows.length * d);
  const yb = new Int32Array(rows.length);
  for (let r = 0; r < rows.length; r++) {
    const i = rows[r]!;
    const src = x.data;
    const o = i * d;
    const to = r * d;
    for (let j = 0; j < d; j++) xb[to + j] = src[o + j]!;
    if (y) yb[r] = y[i]!;
  }
  return { xb, yb };
}
