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

const bad = (where: string, message: string, field: string) =>
  new EstimatorError("BAD_INPUT", `${where}${where ? ": " : ""}${message}`, field);

/**
 * Normalise `X` to a {@link Matrix} (rows are copied into a Float64Array when given as arrays), checking
 * its shape: at least one row and one column, every row as long as the first, `data` holding
 * `rows * cols` values. `where` names the caller in errors (`LogisticRegression.fit`), `what` the
 * argument (`X`).
 */
export function toMatrix(x: MatrixLike, what = "X", where = ""): Matrix {
  if (Array.isArray(x)) {
    const rows = x as ReadonlyArray<ArrayLike<number>>;
    if (rows.length === 0) throw bad(where, `${what} has no rows`, what);
    const first = rows[0];
    if (first === null || typeof first !== "object" || typeof first.length !== "number") {
      throw bad(where, `${what}[0] must be an array of numbers`, what);
    }
    const cols = first.length;
    if (cols === 0) throw bad(where, `${what} has no columns`, what);
    const data = new Float64Array(rows.length * cols);
    rows.forEach((r, i) => {
      if (r === null || typeof r !== "object" || r.length !== cols) {
        throw bad(where, `${what}[${i}] has ${r?.length ?? "no"} values, ${what}[0] has ${cols}`, what);
      }
      for (let j = 0; j < cols; j++) {
        const v = r[j];
        if (typeof v !== "number")
          throw bad(where, `${what}[${i}][${j}] is not a number (${typeof v})`, what);
        data[i * cols + j] = v;
      }
    });
    return { data, rows: rows.length, cols };
  }
  if (x === null || typeof x !== "object") {
    throw bad(
      where,
      `${what} must be a matrix { data, rows, cols } or an array of rows, got ${String(x)}`,
      what,
    );
  }
  const m = x as Matrix;
  if (!(m.data instanceof Float32Array || m.data instanceof Float64Array || m.data instanceof Uint8Array)) {
    throw bad(where, `${what}.data must be a Float32Array, Float64Array or Uint8Array`, what);
  }
  if (!Number.isInteger(m.rows) || m.rows < 1) {
    throw bad(where, `${what}.rows must be an integer >= 1, got ${String(m.rows)}`, what);
  }
  if (!Number.isInteger(m.cols) || m.cols < 1) {
    throw bad(where, `${what}.cols must be an integer >= 1, got ${String(m.cols)}`, what);
  }
  if (m.data.length !== m.rows * m.cols) {
    throw bad(where, `${what}.data holds ${m.data.length} values, not rows ${m.rows} x cols ${m.cols}`, what);
  }
  return m;
}

/** Check that `X` holds no NaN or infinity (scikit-learn's "Input X contains NaN"). */
export function checkFinite(x: Matrix, what = "X", where = ""): void {
  const { data, cols } = x;
  if (data instanceof Uint8Array) return;
  // One pass of sums (a NaN or an infinity makes them non-finite; a sum can also overflow, hence the exact
  // scan that follows only then names the value). One function per array type keeps V8's loads monomorphic.
  const total = data instanceof Float32Array ? sum32(data) : sum64(data);
  if (Number.isFinite(total)) return;
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i]!)) {
      throw bad(
        where,
        `${what} contains ${data[i]} at row ${Math.floor(i / cols)}, column ${i % cols}`,
        what,
      );
    }
  }
}

function sum32(data: Float32Array): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const n = data.length - (data.length % 4);
  for (let i = 0; i < n; i += 4) {
    a0 += data[i]!;
    a1 += data[i + 1]!;
    a2 += data[i + 2]!;
    a3 += data[i + 3]!;
  }
  for (let i = n; i < data.length; i++) a0 += data[i]!;
  return a0 + a1 + a2 + a3;
}

function sum64(data: Float64Array): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  const n = data.length - (data.length % 4);
  for (let i = 0; i < n; i += 4) {
    a0 += data[i]!;
    a1 += data[i + 1]!;
    a2 += data[i + 2]!;
    a3 += data[i + 3]!;
  }
  for (let i = n; i < data.length; i++) a0 += data[i]!;
  return a0 + a1 + a2 + a3;
}

/** Check that `y` is an array of finite numbers with one label per row of `X`. */
export function checkLabels(x: Matrix, y: ArrayLike<number>, where = ""): void {
  if (y === null || typeof y !== "object" || typeof y.length !== "number") {
    throw bad(where, `y must be an array of labels, got ${String(y)}`, "y");
  }
  if (y.length !== x.rows) throw bad(where, `y has ${y.length} labels but X has ${x.rows} rows`, "y");
  for (let i = 0; i < y.length; i++) {
    const v = y[i];
    if (typeof v !== "number" || !Number.isFinite(v))
      throw bad(where, `y[${i}] is ${String(v)}, not a finite number`, "y");
  }
}

/** Check that `X` has the number of features the estimator was fitted with. */
export function checkFeatures(x: Matrix, expected: number, estimator: string, where = estimator): void {
  if (x.cols !== expected) {
    throw bad(where, `X has ${x.cols} features, but ${estimator} was fitted with ${expected}`, "X");
  }
}
