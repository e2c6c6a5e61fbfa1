import { describe, expect, it } from "vitest";
import {
  type ConvergenceWarning,
  type EstimatorNativeKernels,
  LogisticRegression,
  NATIVE_KERNELS_SYMBOL,
  StandardScaler,
  minimizeLbfgs,
} from "./index.js";
import { multinomialLossGrad } from "./multinomial-loss.js";
import { mnistMatrices } from "./test-data.js";

describe("L-BFGS", () => {
  it("finds the minimum of the Rosenbrock function", () => {
    const result = minimizeLbfgs(
      (p, g) => {
        const [x, y] = [p[0]!, p[1]!];
        g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
        g[1] = 200 * (y - x * x);
        return (1 - x) ** 2 + 100 * (y - x * x) ** 2;
      },
      Float64Array.from([-1.2, 1]),
      { maxIter: 500, gtol: 1e-8 },
    );
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it("reports a failed line search as not converged (status 2), like scipy", () => {
    // The gradient points the wrong way, so no step along −H·g decreases f.
    const result = minimizeLbfgs(
      (p, g) => {
        g[0] = -2 * p[0]!;
        return p[0]! * p[0]!;
      },
      Float64Array.from([1]),
      { maxIter: 10, gtol: 1e-8 },
    );
    expect(result.converged).toBe(false);
    expect(result.status).toBe(2);
    expect(result.message).toBe("ABNORMAL_TERMINATION_IN_LNSRCH");
    expect(result.x[0]).toBe(1);
  });
});

describe("multinomial loss", () => {
  it("has the gradient of its value (finite differences)", () => {
    const x = { data: Float64Array.from([0.5, -1, 2, 0, 1.5, 0.3, -0.7, 1]), rows: 4, cols: 2 };
    const y = Int32Array.from([0, 2, 1, 2]);
    const k = 3;
    const w = Float64Array.from([0.1, -0.2, 0.3, 0.05, 0.4, -0.1, 0.2, 0, -0.3]);
    const grad = new Float64Array(w.length);
    multinomialLossGrad(x, y, k, 0.5, w, grad);
    const h = 1e-6;
    w.forEach((_, i) => {
      const plus = Float64Array.from(w);
      const minus = Float64Array.from(w);
      plus[i]! += h;
      minus[i]! -= h;
      const scratch = new Float64Array(w.length);
      const numeric =
        (multinomialLossGrad(x, y, k, 0.5, plus, scratch) -
          multinomialLossGrad(x, y, k, 0.5, minus, scratch)) /
        (2 * h);
      expect(grad[i]).toBeCloseTo(numeric, 7);
    });
  });
});

describe("LogisticRegression on real MNIST", () => {
  it("learns standardised digits with L-BFGS and SAG (500 images, >80% on 1000 test images)", async () => {
    const { xTrain, yTrain, xTest, yTest } = await mnistMatrices(50, 1000);
    const scaler = new StandardScaler();
    const train = scaler.fitTransform(xTrain);
    const test = scaler.transform(xTest);
    const warnings: ConvergenceWarning[] = [];
    const lbfgs = new LogisticRegression({ C: 0.1, maxIter: 50, onWarning: (w) => warnings.push(w) }).fit(
      train,
      yTrain,
    );
    expect(lbfgs.coef).toHaveLength(10 * 784);
    expect(lbfgs.intercept).toHaveLength(10);
    expect(lbfgs.classes).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(lbfgs.score(test, yTest)).toBeGreaterThan(0.8);
    const sag = new LogisticRegression({
      C: 0.1,
      solver: "sag",
      tol: 0.01,
      onWarning: (w) => warnings.push(w),
    }).fit(train, yTrain);
    expect(sag.score(test, yTest)).toBeGreaterThan(0.8);
    const proba = sag.predictProba(test);
    const rowSum = proba.subarray(0, 10).reduce((a, b) => a + b, 0);
    expect(rowSum).toBeCloseTo(1, 10);
  });

  it("warns with a ConvergenceWarning when maxIter stops it", async () => {
    const { xTrain, yTrain } = await mnistMatrices(5, 0);
    const warnings: ConvergenceWarning[] = [];
    const clf = new LogisticRegression({ maxIter: 2, onWarning: (w) => warnings.push(w) });
    clf.fit(new StandardScaler().fitTransform(xTrain), yTrain);
    expect(clf.nIter).toBe(2);
    expect(warnings.map((w) => w.name)).toEqual(["ConvergenceWarning"]);
    expect(warnings[0]!.message).toMatch(/lbfgs failed to converge \(status=1\).*ITERATIONS REACHED LIMIT/);
  });

  it("warns with a ConvergenceWarning when the L-BFGS line search fails", () => {
    // Features of 1e200: any step along the first direction, however halved, sends the scores of
    // one sample to about 1e185, so the Armijo condition never holds.
    const warnings: ConvergenceWarning[] = [];
    const clf = new LogisticRegression({ onWarning: (w) => warnings.push(w) });
    clf.fit([[1e200], [-1e200], [2e200]], [0, 1, 0]);
    expect(clf.nIter).toBe(1);
    expect(warnings.map((w) => w.name)).toEqual(["ConvergenceWarning"]);
    expect(warnings[0]!.message).toMatch(
      /lbfgs failed to converge \(status=2\): ABNORMAL_TERMINATION_IN_LNSRCH/,
    );
  });
});

describe("native kernels published by @mlp-lab/backend-native", () => {
  it("L-BFGS evaluates the objective through them when present, with the same result", () => {
    const x = { data: Float32Array.from({ length: 60 * 4 }, (_, i) => Math.sin(i * 1.3)), rows: 60, cols: 4 };
    const y = Int32Array.from({ length: 60 }, (_, i) => i % 3);
    const plain = new LogisticRegression({ C: 2, onWarning: () => {} }).fit(x, y);
    let calls = 0;
    const kernels: EstimatorNativeKernels = {
      multinomialLossGrad: (data, rows, cols, labels, k, c, w, grad) => {
        calls++;
        return multinomialLossGrad({ data, rows, cols }, labels, k, c, w, grad);
      },
    };
    const g = globalThis as Record<symbol, unknown>;
    g[NATIVE_KERNELS_SYMBOL] = kernels;
    try {
      const hooked = new LogisticRegression({ C: 2, onWarning: () => {} }).fit(x, y);
      expect(calls).toBeGreaterThan(1);
      expect(Array.from(hooked.coef!)).toEqual(Array.from(plain.coef!));
      process.env.MLP_ESTIMATORS_NATIVE = "0";
      const before = calls;
      new LogisticRegression({ C: 2, onWarning: () => {} }).fit(x, y);
      expect(calls).toBe(before);
    } finally {
      delete g[NATIVE_KERNELS_SYMBOL];
      Reflect.deleteProperty(process.env, "MLP_ESTIMATORS_NATIVE");
    }
  });
});
