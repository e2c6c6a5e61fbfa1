import { EstimatorError } from "./errors.js";

/** Sorted distinct labels (scikit-learn's `classes_`) and each sample's index into them. */
export function encodeLabels(
  y: ArrayLike<number>,
  classes?: readonly number[],
  where = "",
): { classes: number[]; encoded: Int32Array } {
  const at = where ? `${where}: ` : "";
  const known = classes ? [...classes] : [...new Set(Array.from(y))].sort((a, b) => a - b);
  const index = new Map(known.map((c, i) => [c, i]));
  const encoded = new Int32Array(y.length);
  for (let i = 0; i < y.length; i++) {
    const k = index.get(y[i]!);
    if (k === undefined) {
      throw new EstimatorError(
        "BAD_INPUT",
        `${at}y[${i}] = ${y[i]} is not one of the classes [${known.join(", ")}]`,
        "y",
      );
    }
    encoded[i] = k;
  }
  if (known.length < 2) {
    throw new EstimatorError(
      "BAD_INPUT",
      `${at}y needs at least two classes, got [${known.join(", ")}]`,
      "y",
    );
  }
  return { classes: known, encoded };
}

/** Fraction of predictions equal to the labels. */
export function accuracyOf(predicted: ArrayLike<number>, y: ArrayLike<number>): number {
  let correct = 0;
  for (let i = 0; i < y.length; i++) if (predicted[i] === y[i]) correct++;
  return y.length === 0 ? 0 : correct / y.length;
}
