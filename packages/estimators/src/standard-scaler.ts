import { EstimatorError } from "./errors.js";
import { type Matrix, type MatrixLike, checkFeatures, checkFinite, toMatrix } from "./matrix.js";

const NAME = "StandardScaler";

/**
 * `X` checked for `StandardScaler.<method>`: a matrix, of finite values unless `finite` is false (fit
 * checks that on its own first pass, at no extra cost).
 */
function input(method: string, X: MatrixLike, finite = true): Matrix {
  const where = `${NAME}.${method}`;
  const x = toMatrix(X, "X", where);
  if (finite) checkFinite(x, "X", where);
  return x;
}

/**
 * scikit-learn's `StandardScaler`: per feature, subtract the mean and divide by the standard
 * deviation (population, ddof = 0); a feature with zero variance is only centred (scale 1).
 * `transform` returns float32 matrices, the precision the networks train in.
 */
export class StandardScaler {
  /** Per-feature mean (`mean_`). */
  mean: Float64Array | undefined;
  /** Per-feature scale (`scale_`): the standard deviation, or 1 where it is 0. */
  scale: Float64Array | undefined;
  /** Per-feature variance (`var_`). */
  variance: Float64Array | undefined;

  /** Learn the means and scales of `X`. */
  fit(X: MatrixLike): this {
    return this.fitMatrix(input("fit", X, false), "fit");
  }

  private fitMatrix(x: Matrix, method: string): this {
    const { rows, cols, data } = x;
    const mean = new Float64Array(cols);
    const m2 = new Float64Array(cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) mean[j] = mean[j]! + data[o + j]!;
    }
    // a NaN or an infinity in a column makes its sum non-finite: only then look for it
    if (mean.some((m) => !Number.isFinite(m))) checkFinite(x, "X", `${NAME}.${method}`);
    for (let j = 0; j < cols; j++) mean[j]! /= Math.max(rows, 1);
    // Two passes: the sum of squared deviations is exact where E[x²] − E[x]² would cancel.
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) {
        const d = data[o + j]! - mean[j]!;
        m2[j]! += d * d;
      }
    }
    const variance = m2.map((v) => v / Math.max(rows, 1));
    this.mean = mean;
    this.variance = variance;
    this.scale = variance.map((v) => (v > 0 ? Math.sqrt(v) : 1));
    return this;
  }

  /** Standardise `X` with the fitted statistics. */
  transform(X: MatrixLike): Matrix & { data: Float32Array } {
    if (!this.mean || !this.scale)
      throw new EstimatorError("NOT_FITTED", "StandardScaler.transform: call fit first");
    const x = input("transform", X);
    checkFeatures(x, this.mean.length, NAME, `${NAME}.transform`);
    return this.transformMatrix(x);
  }

  private transformMatrix(x: Matrix): Matrix & { data: Float32Array } {
    const { mean, scale } = this as { mean: Float64Array; scale: Float64Array };
    const { rows, cols, data } = x;
    const out = new Float32Array(rows * cols);
    for (let i = 0; i < rows; i++) {
      const o = i * cols;
      for (let j = 0; j < cols; j++) out[o + j] = (data[o + j]! - mean[j]!) / scale[j]!;
    }
    return { data: out, rows, cols };
  }

  /** `fit(X)` then `transform(X)`. */
  fitTransform(X: MatrixLike): Matrix & { data: Float32Array } {
    const x = input("fitTransform", X, false);
    return this.fitMatrix(x, "fitTransform").transformMatrix(x);
  }

  /** Undo {@link StandardScaler.transform}. */
  inverseTransform(X: MatrixLike): Matrix & { data: Float32Array } {
    if (!this.mean || !this.scale)
      throw new EstimatorError("NOT_FITTED", "StandardScaler.inverseTransform: call fit first");
    const x = input("inverseTransform", X);
    checkFeatures(x, this.mean.length, NAME, `${NAME}.inverseTransform`);
    const out = new Float32Array(x.rows * x.cols);
    for (let i = 0; i < x.data.length; i++) {
      const j = i % x.cols;
      out[i] = x.data[i]! * this.scale[j]! + this.mean[j]!;
    }
    return { data: out, rows: x.rows, cols: x.cols };
  }
}
