import { EstimatorError } from "./errors.js";

/** A dense row-major matrix of samples: `rows` samples of `cols` features. */
export interface Matrix {
  /** `rows * cols` values, row-major. */
  data: Float32Array | Float64Array | Uint8Array;
  /** Number of samples. */
  rows: number;
  /** Features per sample. */
  cols: number;
}

/** What estimators accept as `X`: a {@link Matrix} or an array of rows. */
export type MatrixLike = Matrix | ReadonlyArray<ArrayLike<number>>;

/** Normalise `X` to a {@link Matrix} (rows are copied into a Float64Array when given as arrays). */
export function toMatrix(x: MatrixLike, what = "X"): Matrix {
  if (!Array.isArray(x)) {
    const m = x as Matrix;
    if (!Number.isInteger(m.rows) || !Number.isInteger(m.cols) || m.data.length !== m.rows * m.cols) {
      throw new EstimatorError(
        "BAD_INPUT",
        `${what}: data holds ${m.data.length} values, not rows ${m.rows} x cols ${m.cols}`,
      );
    }
    return m;
  }
  const rows = x as ReadonlyArray<ArrayLike<number>>;
  const cols = rows[0]?.length ?? 0;
  const data = new Float64Array(rows.length * cols);
  rows.forEach((r, i) => {
    if (r.length !== cols) {
      throw new EstimatorError("BAD_INPUT", `${what}: row ${i} has ${r.length} values, row 0 has ${cols}`);
    }
    for (let j = 0; j < cols; j++) data[i * cols + j] = r[j]!;
  });
  return { data, rows: rows.length, cols };
}

/** Check that `y` has one label per row of `X`. */
export function checkLabels(x: Matrix, y: ArrayLike<number>): void {
  if (y.length !== x.rows) {
    throw new EstimatorError("BAD_INPUT", `y has ${y.length} labels but X has ${x.rows} rows`);
  }
}

/** Check that `X` has the number of features the estimator was fitted with. */
export function checkFeatures(x: Matrix, expected: number, estimator: string): void {
  if (x.cols !== expected) {
    throw new EstimatorError("BAD_INPUT", `${estimator} was fitted on ${expected} features, X has ${x.cols}`);
  }
}
