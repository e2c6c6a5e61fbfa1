export { accuracy, correctCount, errors, type ErrorSummary, type LabelArray } from "./accuracy.js";
export { argmaxRows } from "./argmax.js";
export { type ConfusionMatrix, confusionMatrix, confusionMatrixRows } from "./confusion-matrix.js";
export { MeanAccumulator, meanLoss } from "./mean-loss.js";
export { type ClassMetrics, macroAverage, perClassMetrics } from "./per-class.js";
export { MetricsArgumentError } from "./validate.js";
