import { useBackend } from "@mlp-lab/backend";
import * as tf from "@tensorflow/tfjs-core";
import { beforeAll, describe, expect, it } from "vitest";
import { type ConvergenceWarning, EstimatorError, MLPClassifier, StandardScaler } from "./index.js";
import type { Matrix } from "./matrix.js";
import { mnistMatrices } from "./test-data.js";

let data: { train: Matrix; yTrain: Uint8Array; test: Matrix; yTest: Uint8Array };

beforeAll(async () => {
  await useBackend("wasm");
  const { xTrain, yTrain, xTest, yTest } = await mnistMatrices(100, 1000);
  const scaler = new StandardScaler();
  data = { train: scaler.fitTransform(xTrain), yTrain, test: scaler.transform(xTest), yTest };
});

describe("MLPClassifier on real MNIST", () => {
  it("learns like the course's sgd run: loss falls, >85% test accuracy, a ConvergenceWarning at maxIter", () => {
    const warnings: ConvergenceWarning[] = [];
    const lines: string[] = [];
    const mlp = new MLPClassifier({
      hiddenLayerSizes: [100],
      maxIter: 5,
      solver: "sgd",
      learningRateInit: 0.01,
      batchSize: 64,
      randomState: 1,
      verbose: true,
      log: (l) => lines.push(l),
      onWarning: (w) => warnings.push(w),
    });
    mlp.fit(data.train, data.yTrain);
    expect(mlp.lossCurve).toHaveLength(5);
    expect(mlp.lossCurve[4]!).toBeLessThan(mlp.lossCurve[0]!);
    expect(lines[0]).toMatch(/^Iteration 1, loss = \d\.\d{8}$/);
    expect(mlp.score(data.test, data.yTest)).toBeGreaterThan(0.85);
    expect(warnings.map((w) => w.message)).toEqual([
      "Stochastic Optimizer: Maximum iterations (5) reached and the optimization hasn't converged yet.",
    ]);
    expect(mlp.coefs.map((c) => c.shape)).toEqual([
      [784, 100],
      [100, 10],
    ]);
    expect(mlp.intercepts.map((c) => c.shape)).toEqual([[100], [10]]);
    const proba = mlp.predictProba(data.test);
    expect(proba.subarray(0, 10).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    mlp.dispose();
  });

  it("stops on the training loss plateau (tol, nIterNoChange) without a warning", () => {
    const warnings: ConvergenceWarning[] = [];
    const mlp = new MLPClassifier({
      hiddenLayerSizes: [16],
      maxIter: 50,
      tol: 10,
      nIterNoChange: 2,
      randomState: 0,
      onWarning: (w) => warnings.push(w),
    });
    mlp.fit(data.train, data.yTrain);
    // With tol = 10 only the first epoch improves (on an infinite best): epochs 2, 3, 4 count as
    // no change, and 3 > nIterNoChange stops after epoch 4.
    expect(mlp.nIter).toBe(4);
    expect(warnings).toEqual([]);
    mlp.dispose();
  });

  it("early stopping holds out a stratified validation fraction and keeps the best weights", () => {
    const mlp = new MLPClassifier({
      hiddenLayerSizes: [32],
      maxIter: 6,
      earlyStopping: true,
      validationFraction: 0.2,
      nIterNoChange: 2,
      randomState: 3,
      onWarning: () => {},
    });
    mlp.fit(data.train, data.yTrain);
    expect(mlp.validationScores.length).toBeGreaterThan(0);
    expect(mlp.bestValidationScore).toBe(Math.max(...mlp.validationScores));
    expect(mlp.bestValidationScore!).toBeGreaterThan(0.6);
    mlp.dispose();
  });

  it("partialFit continues one epoch at a time and keeps the tensor count flat", () => {
    const mlp = new MLPClassifier({
      hiddenLayerSizes: [32],
      batchSize: 50,
      learningRateInit: 0.005,
      randomState: 2,
    });
    mlp.partialFit(data.train, data.yTrain, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) mlp.partialFit(data.train, data.yTrain);
    expect(tf.memory().numTensors).toBe(tensors);
    expect(mlp.nIter).toBe(4);
    expect(mlp.lossCurve[3]!).toBeLessThan(mlp.lossCurve[0]!);
    expect(mlp.score(data.test, data.yTest)).toBeGreaterThan(0.8);
    mlp.dispose();
  });

  it("names bad options and unfitted use", () => {
    expect(() => new MLPClassifier({ hiddenLayerSizes: [0] })).toThrow(/hiddenLayerSizes/);
    expect(() => new MLPClassifier({ solver: "lbfgs" as never })).toThrow(/solver must be/);
    expect(() => new MLPClassifier().predict(data.test)).toThrow(EstimatorError);
  });
});
