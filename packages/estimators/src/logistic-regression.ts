import { ConvergenceWarning, EstimatorError, emitWarning } from "./errors.js";
import { accuracyOf, encodeLabels } from "./label-encoder.js";
import { minimizeLbfgs } from "./lbfgs.js";
import { type Matrix, type MatrixLike, checkFeatures, checkFinite, checkLabels, toMatrix } from "./matrix.js";
import { multinomialLossGrad, packedSize, scoresOf, softmaxInPlace } from "./multinomial-loss.js";
import { nativeKernels } from "./native-kernels.js";
import { minimizeSag } from "./sag.js";
import { boolean, checkOptions, func, integerFrom, numberAbove, oneOf } from "./validate.js";

const NAME = "LogisticRegression";

/** Options of {@link LogisticRegression}, scikit-learn's names and defaults. */
export interface LogisticRegressionOptions {
  /** Inverse of the L2 regularisation strength. Default 1. */
  C?: number;
  /** Iteration limit (L-BFGS iterations, or SAG epochs). Default 100. */
  maxIter?: number;
  /** Tolerance: max |gradient| for L-BFGS, relative weight change per epoch for SAG. Default 1e-4. */
  tol?: number;
  /** `lbfgs` (default, scikit-learn's default) or `sag` (what the course used, with `tol: 0.1`). */
  solver?: "lbfgs" | "sag";
  /** Seed of SAG's sample draws. Default 0. */
  randomState?: number;
  /** Print progress per iteration. Default false. */
  verbose?: boolean;
  /** Receives the ConvergenceWarning; default `process.emitWarning`. */
  onWarning?: (warning: ConvergenceWarning) => void;
}

/**
 * scikit-learn's `LogisticRegression(multi_class="multinomial")`: a softmax model over all
 * classes fitted to the L2-penalised log loss C·Σ log-loss + ½‖W‖² (intercepts unpenalised) with
 * L-BFGS or SAG, in double precision on plain typed arrays (no tfjs needed).
 */
export class LogisticRegression {
  /** Options with defaults applied. */
  readonly options: Required<Omit<LogisticRegressionOptions, "onWarning">>;
  private readonly onWarning: ((warning: ConvergenceWarning) => void) | undefined;
  /** Class labels, sorted (`classes_`). */
  classes: number[] = [];
  /** Weights [classes × features], row-major (`coef_`). */
  coef: Float64Array | undefined;
  /** Intercepts [classes] (`intercept_`). */
  intercept: Float64Array | undefined;
  /** Iterations (L-BFGS) or epochs (SAG) run (`n_iter_`). */
  nIter = 0;
  /** Features seen at fit (`n_features_in_`). */
  nFeaturesIn = 0;
  // Feature-major copy of the weights with the intercepts last, the layout the solvers use.
  private packed: Float64Array | undefined;

  /**
   * @throws EstimatorError (`BAD_OPTION`) naming the option: an unknown name (with the closest known
   * one), or a value out of range (`LogisticRegression: options.C must be a finite number > 0, got 0`).
   */
  constructor(options: LogisticRegressionOptions = {}) {
    checkOptions(NAME, options, {
      C: numberAbove(0),
      maxIter: integerFrom(1),
      tol: numberAbove(0, true),
      solver: oneOf(["lbfgs", "sag"]),
      randomState: integerFrom(0),
      verbose: boolean,
      onWarning: func,
    });
    this.options = {
      C: options.C ?? 1,
      maxIter: options.maxIter ?? 100,
      tol: options.tol ?? 1e-4,
      solver: options.solver ?? "lbfgs",
      randomState: options.randomState ?? 0,
      verbose: options.verbose ?? false,
    };
    this.onWarning = options.onWarning;
  }

  /**
   * Fit to samples `X` (rows x features, finite) and labels `y` (one per row, at least two classes).
   * @throws EstimatorError (`BAD_INPUT`) naming `X` or `y` and what is wrong with it.
   */
  fit(X: MatrixLike, y: ArrayLike<number>): this {
    const where = `${NAME}.fit`;
    const x = toMatrix(X, "X", where);
    checkFinite(x, "X", where);
    checkLabels(x, y, where);
    const { classes, encoded } = encodeLabels(y, undefined, where);
    const k = classes.length;
    const { C, maxIter, tol, solver, verbose, randomState } = this.options;
    let w: Float64Array;
    let converged: boolean;
    let message = "";
    let status = 0;
    if (solver === "lbfgs") {
      // The objective over all samples at each L-BFGS evaluation: on all cores natively when
      // @mlp-lab/backend-native is loaded (same formula in double precision), else in TypeScript.
      const native = nativeKernels();
      const data = x.data;
      const fg =
        native && (data instanceof Float32Array || data instanceof Float64Array)
          ? (p: Float64Array, g: Float64Array) =>
              native.multinomialLossGrad(data, x.rows, x.cols, encoded, k, C, p, g)
          : (p: Float64Array, g: Float64Array) => multinomialLossGrad(x, encoded, k, C, p, g);
      const result = minimizeLbfgs(fg, new Float64Array(packedSize(x.cols, k)), {
        maxIter,
        gtol: tol,
        ...(verbose
          ? {
              onIteration: (i: number, f: number, gm: number) =>
                console.log(
                  `lbfgs iteration ${i}, loss = ${f.toFixed(8)}, max |grad| = ${gm.toExponential(3)}`,
                ),
            }
          : {}),
      });
      w = result.x;
      converged = result.converged;
      message = result.message;
      status = result.status;
      this.nIter = result.iterations;
    } else {
      // The epochs in C++ when @mlp-lab/backend-native is loaded (same draws and steps), else in TypeScript.
      const nativeEpoch = nativeKernels()?.sagEpoch;
      const result = minimizeSag(x, encoded, k, {
        C,
        maxIter,
        tol,
        seed: randomState,
        ...(nativeEpoch ? { nativeEpoch } : {}),
        ...(verbose
          ? {
              onEpoch: (e: number, r: number) =>
                console.log(`sag epoch ${e}, relative change = ${r.toExponential(3)}`),
            }
          : {}),
      });
      w = result.w;
      converged = result.converged;
      this.nIter = result.epochs;
    }
    if (!converged) {
      const text =
        solver === "lbfgs"
          ? `lbfgs failed to converge (status=${status}): ${message}. Increase the number of iterations (maxIter) or scale the data.`
          : "The max_iter was reached which means the coef_ did not converge";
      emitWarning(new ConvergenceWarning(text), this.onWarning);
    }
    this.classes = classes;
    this.nFeaturesIn = x.cols;
    this.packed = w;
    const coef = new Float64Array(k * x.cols);
    for (let j = 0; j < x.cols; j++) for (let c = 0; c < k; c++) coef[c * x.cols + j] = w[j * k + c]!;
    this.coef = coef;
    this.intercept = w.slice(x.cols * k);
    return this;
  }

  private fitted(method: string, X: MatrixLike): { w: Float64Array; x: Matrix } {
    const where = `${NAME}.${method}`;
    if (!this.packed) throw new EstimatorError("NOT_FITTED", `${where}: call fit first`);
    const x = toMatrix(X, "X", where);
    checkFeatures(x, this.nFeaturesIn, NAME, where);
    checkFinite(x, "X", where);
    return { w: this.packed, x };
  }

  /** Class probabilities [samples × classes], row-major. */
  predictProba(X: MatrixLike): Float64Array {
    const { w, x } = this.fitted("predictProba", X);
    const k = this.classes.length;
    const out = new Float64Array(x.rows * k);
    const z = new Float64Array(k);
    for (let i = 0; i < x.rows; i++) {
      scoresOf(x, i, w, k, z);
      softmaxInPlace(z);
      out.set(z, i * k);
    }
    return out;
  }

  /** Predicted class label of each sample. */
  predict(X: MatrixLike): Float64Array {
    const { w, x } = this.fitted("predict", X);
    return this.labelsOf(w, x);
  }

  private labelsOf(w: Float64Array, x: Matrix): Float64Array {
    const k = this.classes.length;
    const out = new Float64Array(x.rows);
    const z = new Float64Array(k);
    for (let i = 0; i < x.rows; i++) {
      scoresOf(x, i, w, k, z);
      let best = 0;
      for (let c = 1; c < k; c++) if (z[c]! > z[best]!) best = c;
      out[i] = this.classes[best]!;
    }
    return out;
  }

  /** Mean accuracy on `X`, `y` (scikit-learn's `score`). */
  score(X: MatrixLike, y: ArrayLike<number>): number {
    const { w, x } = this.fitted("score", X);
    checkLabels(x, y, `${NAME}.score`);
    return accuracyOf(this.labelsOf(w, x), y);
  }
}
