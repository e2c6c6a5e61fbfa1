import { checkLabels } from "./validate.js";

/** Integer class labels or predictions, one per sample. */
export type LabelArray = ArrayLike<number>;

function checkSameLength(a: LabelArray, b: LabelArray, what: string): void {
  checkLabels(a, what, "yTrue");
  checkLabels(b, what, "yPred");
  if (a.length !== b.length) {
    throw new RangeError(`${what}: yTrue has ${a.length} samples but yPred has ${b.length}`);
  }
}

/** Number of samples where the prediction equals the label. */
export function correctCount(yTrue: LabelArray, yPred: LabelArray): number {
  checkSameLength(yTrue, yPred, "correctCount");
  let correct = 0;
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] === yPred[i]) correct++;
  return correct;
}

/** Fraction of correct predictions, in [0, 1]; NaN for an empty set. */
export function accuracy(yTrue: LabelArray, yPred: LabelArray): number {
  checkSameLength(yTrue, yPred, "accuracy");
  return yTrue.length === 0 ? Number.NaN : correctCount(yTrue, yPred) / yTrue.length;
}

/** Count and rate of misclassified samples, with their indices (the course's "Nb errors"). */
export interface ErrorSummary {
  /** Number of misclassified samples. */
  count: number;
  /** count / total, in [0, 1]. */
  rate: number;
  /** Indices of the misclassified samples, in order. */
  indices: number[];
}

/** Which samples are misclassified, how many, and the error rate. */
export function errors(yTrue: LabelArray, yPred: LabelArray): ErrorSummary {
  checkSameLength(yTrue, yPred, "errors");
  const indices: number[] = [];
  for (let i = 0; i < yTrue.length; i++) if (yTrue[i] !== yPred[i]) indices.push(i);
  return {
    count: indices.length,
    rate: yTrue.length === 0 ? Number.NaN : indices.length / yTrue.length,
    indices,
  };
}
