import { describe, expect, it } from "vitest";
import {
  MeanAccumulator,
  accuracy,
  argmaxRows,
  confusionMatrix,
  confusionMatrixRows,
  errors,
  macroAverage,
  meanLoss,
  perClassMetrics,
} from "./index.js";

describe("accuracy and errors", () => {
  it("counts matches and misclassified indices", () => {
    const yTrue = [0, 1, 2, 2, 1];
    const yPred = Int32Array.from([0, 2, 2, 1, 1]);
    expect(accuracy(yTrue, yPred)).toBeCloseTo(0.6);
    expect(errors(yTrue, yPred)).toEqual({ count: 2, rate: 0.4, indices: [1, 3] });
  });
  it("rejects arrays of different lengths", () => {
    expect(() => accuracy([1, 2], [1])).toThrow(/2 samples but yPred has 1/);
  });
});

describe("confusion matrix and per-class metrics", () => {
  const yTrue = [0, 0, 1, 1, 1, 2];
  const yPred = [0, 1, 1, 1, 2, 2];
  const cm = confusionMatrix(yTrue, yPred, 3);
  it("puts true classes on rows", () => {
    expect(confusionMatrixRows(cm)).toEqual([
      [1, 1, 0],
      [0, 2, 1],
      [0, 0, 1],
    ]);
  });
  it("matches scikit-learn's precision_recall_fscore_support", () => {
    const m = perClassMetrics(cm);
    expect(m[0]).toMatchObject({ precision: 1, recall: 0.5, support: 2 });
    expect(m[1]!.precision).toBeCloseTo(2 / 3);
    expect(m[1]!.recall).toBeCloseTo(2 / 3);
    expect(m[2]!.precision).toBeCloseTo(0.5);
    expect(m[2]!.f1).toBeCloseTo(2 / 3);
    expect(macroAverage(m).recall).toBeCloseTo((0.5 + 2 / 3 + 1) / 3);
  });
  it("rejects labels out of range", () => {
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(/yTrue\[1\] = 3/);
  });
});

describe("losses and argmax", () => {
  it("weights batch means by batch size", () => {
    const acc = new MeanAccumulator();
    acc.add(1, 64);
    acc.add(4, 32);
    expect(acc.mean).toBeCloseTo(2);
    expect(acc.samples).toBe(96);
    expect(meanLoss([1, 2, 3])).toBe(2);
  });
  it("takes the first maximum per row", () => {
    expect(Array.from(argmaxRows([0, 5, 5, 9, 1, 2], 3))).toEqual([1, 0]);
    expect(() => argmaxRows([1, 2, 3], 2)).toThrow(/rows of 2/);
  });
});
