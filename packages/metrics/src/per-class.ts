import type { ConfusionMatrix } from "./confusion-matrix.js";
import { checkConfusion } from "./validate.js";

/** Precision, recall, F1 and support of one class. */
export interface ClassMetrics {
  /** Class index. */
  label: number;
  /** TP / (TP + FP); 0 when nothing was predicted as this class (scikit-learn's zero_division=0). */
  precision: number;
  /** TP / (TP + FN), also the per-class accuracy; 0 when the class has no sample. */
  recall: number;
  /** Harmonic mean of precision and recall; 0 when both are 0. */
  f1: number;
  /** Number of true samples of this class. */
  support: number;
}

/** Per-class precision, recall, F1 and support, from a confusion matrix. */
export function perClassMetrics(cm: ConfusionMatrix): ClassMetrics[] {
  checkConfusion(cm, "perClassMetrics");
  const n = cm.numClasses;
  const result: ClassMetrics[] = [];
  for (let c = 0; c < n; c++) {
    const tp = cm.counts[c * n + c]!;
    let predicted = 0;
    let support = 0;
    for (let k = 0; k < n; k++) {
      predicted += cm.counts[k * n + c]!;
      support += cm.counts[c * n + k]!;
    }
    const precision = predicted === 0 ? 0 : tp / predicted;
    const recall = support === 0 ? 0 : tp / support;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    result.push({ label: c, precision, recall, f1, support });
  }
  return result;
}

/** Unweighted mean of precision, recall and F1 over classes (scikit-learn's "macro avg"). */
export function macroAverage(metrics: ClassMetrics[]): { precision: number; recall: number; f1: number } {
  const n = metrics.length || 1;
  return {
    precision: metrics.reduce((s, m) => s + m.precision, 0) / n,
    recall: metrics.reduce((s, m) => s + m.recall, 0) / n,
    f1: metrics.reduce((s, m) => s + m.f1, 0) / n,
  };
}
