import { checkLabels, checkPositiveInteger } from "./validate.js";
/**
 * Row-wise argmax of a row-major [rows, cols] matrix, such as class scores or log-probabilities.
 * Ties go to the lowest index, like `torch.max` and `numpy.argmax`.
 */
export function argmaxRows(values: ArrayLike<number>, cols: number): Int32Array {
  checkLabels(values, "argmaxRows", "values");
  checkPositiveInteger(cols, "argmaxRows", "cols");
  if (values.length % cols !== 0) {
    throw new RangeError(`argmaxRows: ${values.length} values do not form rows of ${cols}`);
  }
  const rows = values.length / cols;
  const out = new Int32Array(rows);
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let bestValue = values[r * cols]!;
    for (let c = 1; c < cols; c++) {
      const v = values[r * cols + c]!;
      if (v > bestValue) {
        bestValue = v;
        best = c;
      }
    }
    out[r] = best;
  }
  return out;
}
