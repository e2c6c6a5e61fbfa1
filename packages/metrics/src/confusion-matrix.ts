import type { LabelArray } from "./accuracy.js";
import { checkConfusion, checkLabels, checkPositiveInteger } from "./validate.js";

/** A square count matrix: `counts[t * numClasses + p]` samples of true class t predicted as p. */
export interface ConfusionMatrix {
  /** Number of classes (rows and columns). */
  numClasses: number;
  /** Row-major counts, rows are true classes, columns predicted classes. */
  counts: Int32Array;
}

/** Count (true, predicted) pairs. Labels must be integers in [0, numClasses). */
export function confusionMatrix(yTrue: LabelArray, yPred: LabelArray, numClasses: number): ConfusionMatrix {
  checkLabels(yTrue, "confusionMatrix", "yTrue");
  checkLabels(yPred, "confusionMatrix", "yPred");
  checkPositiveInteger(numClasses, "confusionMatrix", "numClasses");
  if (yTrue.length !== yPred.length) {
    throw new RangeError(`confusionMatrix: yTrue has ${yTrue.length} samples but yPred has ${yPred.length}`);
  }
  const counts = new Int32Array(numClasses * numClasses);
  for (let i = 0; i < yTrue.length; i++) {
    const t = yTrue[i]!;
    const p = yPred[i]!;
    if (!Number.isInteger(t) || t < 0 || t >= numClasses) {
      throw new RangeError(`confusionMatrix: yTrue[${i}] = ${t} is not a class in [0, ${numClasses})`);
    }
    if (!Number.isInteger(p) || p < 0 || p >= numClasses) {
      throw new RangeError(`confusionMatrix: yPred[${i}] = ${p} is not a class in [0, ${numClasses})`);
    }
    counts[t * numClasses + p]!++;
  }
  return { numClasses, counts };
}

/** The matrix as nested arrays, rows = true class. */
export function confusionMatrixRows(cm: ConfusionMatrix): number[][] {
  checkConfusion(cm, "confusionMatrixRows");
  const rows: number[][] = [];
  for (let t = 0; t < cm.numClasses; t++) {
    rows.push(Array.from(cm.counts.subarray(t * cm.numClasses, (t + 1) * cm.numClasses)));
  }
  return rows;
}
