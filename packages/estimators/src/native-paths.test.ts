// The native paths (kernels of @mlp-lab/backend-native's addon) against the TypeScript / tfjs paths they
// replace: same draws, same steps, same results within rounding.
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { useBackend } from "@mlp-lab/backend";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  type EstimatorNativeKernels,
  LogisticRegression,
  MLPClassifier,
  type MLPClassifierOptions,
  NATIVE_KERNELS_SYMBOL,
  StandardScaler,
} from "./index.js";
import type { Matrix } from "./matrix.js";
import { mnistMatrices } from "./test-data.js";

type Addon = Required<EstimatorNativeKernels>;

/**
 * The addon at MLP_NATIVE_ADDON, else as built in the workspace, else the shipped prebuild; null when none
 * loads here (or one predates the estimators' kernels).
 */
function loadAddon(): Addon | null {
  const root = fileURLToPath(new URL("../../backend-native/", import.meta.url));
  const require = createRequire(import.meta.url);
  for (const path of [
    ...(process.env.MLP_NATIVE_ADDON ? [process.env.MLP_NATIVE_ADDON] : []),
    `${root}build/Release/mlp_native.node`,
    `${root}prebuilds/${process.platform}-${process.arch}/@mlp-lab+backend-native.glibc.node`,
  ]) {
    if (!existsSync(path)) continue;
    try {
      const addon = require(path) as Partial<Addon>;
      if (typeof addon.sagEpoch === "function" && typeof addon.sklearnUpdate === "function")
        return addon as Addon;
    } catch {
      // a prebuild for another libc or an older addon: try the next
    }
  }
  return null;
}

const addon = loadAddon();

/** The addon's kernels as a fresh object (its exports are not enumerable: no spreading), gemm counted. */
function kernels(calls = { gemm: 0 }): Addon {
  const a = addon!;
  return {
    multinomialLossGrad: a.multinomialLossGrad,
    sagEpoch: a.sagEpoch,
    gemm: (...args) => {
      calls.gemm++;
      a.gemm(...args);
    },
    sklearnUpdate: a.sklearnUpdate,
  };
}
const g = globalThis as Record<symbol, unknown>;

function publish(kernels: EstimatorNativeKernels | undefined): void {
  if (kernels) g[NATIVE_KERNELS_SYMBOL] = kernels;
  else delete g[NATIVE_KERNELS_SYMBOL];
}

afterEach(() => publish(undefined));

let data: { train: Matrix; yTrain: Uint8Array; test: Matrix; yTest: Uint8Array };

beforeAll(async () => {
  await useBackend("wasm");
  const { xTrain, yTrain, xTest, yTest } = await mnistMatrices(40, 300);
  const scaler = new StandardScaler();
  data = { train: scaler.fitTransform(xTrain), yTrain, test: scaler.transform(xTest), yTest };
});

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d = Math.max(d, Math.abs(a[i]! - b[i]!));
  return d;
}

describe.skipIf(!addon)("native SAG epoch (sagEpoch) against the TypeScript loop", () => {
  const fit = (x: Matrix, y: ArrayLike<number>, kernels?: EstimatorNativeKernels) => {
    publish(kernels);
    const sagCalls = { n: 0 };
    if (kernels?.sagEpoch) {
      const inner = kernels.sagEpoch;
      kernels.sagEpoch = (...args) => {
        sagCalls.n++;
        inner(...args);
      };
    }
    const clf = new LogisticRegression({ C: 5, solver: "sag", tol: 1e-3, maxIter: 15, onWarning: () => {} });
    clf.fit(x, y);
    publish(undefined);
    return { clf, calls: sagCalls.n };
  };

  it("MNIST, 10 classes (the vectorised k = 10 path): same epochs, weights within 1e-12, same predictions", () => {
    const ts = fit(data.train, data.yTrain);
    const native = fit(data.train, data.yTrain, kernels());
    expect(native.calls).toBe(native.clf.nIter);
    expect(native.clf.nIter).toBe(ts.clf.nIter);
    expect(maxAbsDiff(native.clf.coef!, ts.clf.coef!)).toBeLessThan(1e-12);
    expect(maxAbsDiff(native.clf.intercept!, ts.clf.intercept!)).toBeLessThan(1e-12);
    expect(Array.from(native.clf.predict(data.test))).toEqual(Array.from(ts.clf.predict(data.test)));
  });

  it("an odd feature count, float64 input, 10 and 3 classes (tail and generic paths)", () => {
    for (const k of [10, 3]) {
      const rows = 90;
      const cols = 7;
      const x = {
        data: Float64Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.7) * 2),
        rows,
        cols,
      };
      const y = Int32Array.from({ length: rows }, (_, i) => (i * 7) % k);
      const ts = fit(x, y);
      const native = fit(x, y, kernels());
      expect(native.calls).toBeGreaterThan(0);
      expect(native.clf.nIter).toBe(ts.clf.nIter);
      expect(maxAbsDiff(native.clf.coef!, ts.clf.coef!)).toBeLessThan(1e-12);
    }
  });
});

describe.skipIf(!addon)("MLPClassifier's native step against its tfjs path", () => {
  const run = (options: MLPClassifierOptions, kernels?: EstimatorNativeKernels) => {
    publish(kernels);
    const mlp = new MLPClassifier({
      hiddenLayerSizes: [32],
      maxIter: 3,
      randomState: 4,
      onWarning: () => {},
      ...options,
    });
    mlp.fit(data.train, data.yTrain);
    publish(undefined);
    const out = {
      lossCurve: [...mlp.lossCurve],
      proba: mlp.predictProba(data.test),
      coefs: mlp.coefs,
      nIter: mlp.nIter,
      validationScores: [...mlp.validationScores],
    };
    mlp.dispose();
    return out;
  };
  const cases: Array<[string, MLPClassifierOptions]> = [
    ["sgd, Nesterov, relu (the bench's setting)", { solver: "sgd", learningRateInit: 0.01, batchSize: 64 }],
    [
      "sgd without Nesterov, tanh, a last batch of 16",
      { solver: "sgd", nesterovsMomentum: false, activation: "tanh", batchSize: 48 },
    ],
    [
      "adam, logistic, two hidden layers",
      { solver: "adam", activation: "logistic", hiddenLayerSizes: [24, 16] },
    ],
    ["adam, identity, alpha 0.01", { solver: "adam", activation: "identity", alpha: 0.01 }],
  ];
  for (const [name, options] of cases) {
    it(`${name}: loss curve within 1e-4, probabilities within 1e-3`, () => {
      const tfjs = run(options);
      const calls = { gemm: 0 };
      const native = run(options, kernels(calls));
      expect(calls.gemm).toBeGreaterThan(0);
      // the TypeScript update loop, for an addon without sklearnUpdate
      const { sklearnUpdate: _, ...withoutUpdate } = kernels(calls);
      const before = calls.gemm;
      const nativeTsUpdate = run(options, withoutUpdate);
      expect(calls.gemm).toBeGreaterThan(before);
      // the C++ update and its TypeScript twin round the same float32 operations: the same numbers
      expect(maxAbsDiff(nativeTsUpdate.lossCurve, native.lossCurve)).toBeLessThan(1e-7);
      for (const other of [native, nativeTsUpdate]) {
        expect(other.lossCurve).toHaveLength(tfjs.lossCurve.length);
        expect(maxAbsDiff(other.lossCurve, tfjs.lossCurve)).toBeLessThan(1e-4);
        expect(maxAbsDiff(other.proba, tfjs.proba)).toBeLessThan(1e-3);
        expect(other.coefs.map((c) => c.shape)).toEqual(tfjs.coefs.map((c) => c.shape));
      }
      expect(tfjs.lossCurve[2]!).toBeLessThan(tfjs.lossCurve[0]!);
    });
  }

  it("early stopping: the same validation scores and best weights kept", () => {
    const options: MLPClassifierOptions = {
      earlyStopping: true,
      validationFraction: 0.2,
      maxIter: 4,
      nIterNoChange: 1,
    };
    const tfjs = run(options);
    const calls = { gemm: 0 };
    const native = run(options, kernels(calls));
    expect(calls.gemm).toBeGreaterThan(0);
    expect(native.validationScores).toEqual(tfjs.validationScores);
    expect(native.nIter).toBe(tfjs.nIter);
    expect(maxAbsDiff(native.proba, tfjs.proba)).toBeLessThan(1e-3);
  });
});
