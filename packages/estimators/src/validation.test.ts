// Every public entry point checks its options and inputs at the boundary and names the field at fault.
import { useBackend } from "@mlp-lab/backend";
import { beforeAll, describe, expect, it } from "vitest";
import {
  EstimatorError,
  LogisticRegression,
  MLPClassifier,
  StandardScaler,
  minimizeLbfgs,
  toMatrix,
} from "./index.js";

/** Run `f`, expect an EstimatorError with `code`, and return it. */
function caught(f: () => unknown, code: string): EstimatorError {
  try {
    f();
  } catch (err) {
    expect(err).toBeInstanceOf(EstimatorError);
    expect((err as EstimatorError).code).toBe(code);
    return err as EstimatorError;
  }
  throw new Error("expected an EstimatorError, nothing was thrown");
}

const X = [
  [0, 1],
  [1, 0],
  [1, 1],
  [0, 0],
];
const y = [0, 1, 1, 0];

beforeAll(async () => {
  await useBackend("wasm");
});

describe("option checks", () => {
  it("LogisticRegression names the option, its rule and the value", () => {
    const e = caught(() => new LogisticRegression({ C: 0 }), "BAD_OPTION");
    expect(e.message).toBe("LogisticRegression: options.C must be a finite number > 0, got 0");
    expect(e.field).toBe("options.C");
    expect(caught(() => new LogisticRegression({ maxIter: 1.5 }), "BAD_OPTION").message).toBe(
      "LogisticRegression: options.maxIter must be an integer >= 1, got 1.5",
    );
    expect(caught(() => new LogisticRegression({ tol: -1 }), "BAD_OPTION").message).toMatch(
      /options\.tol must be a finite number >= 0, got -1/,
    );
    expect(caught(() => new LogisticRegression({ solver: "saga" as never }), "BAD_OPTION").message).toBe(
      'LogisticRegression: options.solver must be one of "lbfgs", "sag", got "saga"',
    );
    expect(caught(() => new LogisticRegression({ verbose: 1 as never }), "BAD_OPTION").field).toBe(
      "options.verbose",
    );
    expect(caught(() => new LogisticRegression({ C: Number.NaN }), "BAD_OPTION").field).toBe("options.C");
  });

  it("an unknown option is named with the closest known one (also scikit-learn's snake_case)", () => {
    expect(caught(() => new LogisticRegression({ soler: "sag" } as never), "BAD_OPTION").message).toBe(
      'LogisticRegression: unknown option "soler" (did you mean "solver"?)',
    );
    expect(caught(() => new LogisticRegression({ max_iter: 5 } as never), "BAD_OPTION").message).toBe(
      'LogisticRegression: unknown option "max_iter" (did you mean "maxIter"?)',
    );
    expect(caught(() => new MLPClassifier({ hidden_layer_sizes: [3] } as never), "BAD_OPTION").message).toBe(
      'MLPClassifier: unknown option "hidden_layer_sizes" (did you mean "hiddenLayerSizes"?)',
    );
    expect(caught(() => new MLPClassifier({ penalty: "l2" } as never), "BAD_OPTION").message).toBe(
      'MLPClassifier: unknown option "penalty"',
    );
    expect(caught(() => new LogisticRegression(null as never), "BAD_OPTION").message).toBe(
      "LogisticRegression: options must be an object, got null",
    );
  });

  it("MLPClassifier checks every option", () => {
    const bad: Array<[Record<string, unknown>, RegExp]> = [
      [
        { hiddenLayerSizes: [0] },
        /options\.hiddenLayerSizes must be a non-empty array of integers >= 1, got \[0\]/,
      ],
      [{ hiddenLayerSizes: [] }, /options\.hiddenLayerSizes/],
      [
        { activation: "softmax" },
        /options\.activation must be one of "identity", "logistic", "tanh", "relu"/,
      ],
      [{ solver: "lbfgs" }, /options\.solver must be one of "sgd", "adam", got "lbfgs"/],
      [{ alpha: -1 }, /options\.alpha must be a finite number >= 0, got -1/],
      [{ batchSize: 0 }, /options\.batchSize must be an integer >= 1, got 0/],
      [{ learningRateInit: 0 }, /options\.learningRateInit must be a finite number > 0/],
      [{ momentum: 1 }, /options\.momentum must be a number in \[0, 1\), got 1/],
      [{ nesterovsMomentum: "yes" }, /options\.nesterovsMomentum must be a boolean/],
      [{ maxIter: 0 }, /options\.maxIter/],
      [{ tol: -0.1 }, /options\.tol/],
      [{ nIterNoChange: 0 }, /options\.nIterNoChange must be an integer >= 1/],
      [{ validationFraction: 1 }, /options\.validationFraction must be a number in \(0, 1\), got 1/],
      [{ beta1: 1 }, /options\.beta1/],
      [{ beta2: -0.1 }, /options\.beta2/],
      [{ epsilon: 0 }, /options\.epsilon/],
      [{ randomState: -1 }, /options\.randomState must be an integer >= 0/],
      [{ onWarning: "print" }, /options\.onWarning must be a function/],
      [{ log: 1 }, /options\.log must be a function/],
      [{ shuffle: 0 }, /options\.shuffle must be a boolean/],
    ];
    for (const [options, message] of bad) {
      const e = caught(() => new MLPClassifier(options as never), "BAD_OPTION");
      expect(e.message).toMatch(/^MLPClassifier: /);
      expect(e.message).toMatch(message);
    }
  });

  it("minimizeLbfgs checks its function, start point and options", () => {
    const fg = (p: Float64Array, g: Float64Array) => {
      g[0] = 2 * p[0]!;
      return p[0]! * p[0]!;
    };
    const x0 = Float64Array.from([1]);
    expect(caught(() => minimizeLbfgs(fg, x0, { maxIter: 0, gtol: 1e-5 }), "BAD_OPTION").message).toBe(
      "minimizeLbfgs: options.maxIter must be an integer >= 1, got 0",
    );
    expect(caught(() => minimizeLbfgs(fg, x0, { maxIter: 5 } as never), "BAD_OPTION").message).toBe(
      "minimizeLbfgs: options.gtol is required",
    );
    expect(
      caught(() => minimizeLbfgs(fg, x0, { maxIter: 5, gtol: 0, memroy: 3 } as never), "BAD_OPTION").message,
    ).toBe('minimizeLbfgs: unknown option "memroy" (did you mean "memory"?)');
    expect(caught(() => minimizeLbfgs(fg, [1] as never, { maxIter: 5, gtol: 0 }), "BAD_INPUT").field).toBe(
      "x0",
    );
    expect(caught(() => minimizeLbfgs(null as never, x0, { maxIter: 5, gtol: 0 }), "BAD_INPUT").field).toBe(
      "fg",
    );
    expect(minimizeLbfgs(fg, x0, { maxIter: 20, gtol: 1e-8 }).x[0]).toBeCloseTo(0, 6);
  });
});

describe("input checks name the method and the argument", () => {
  it("toMatrix: shapes, types and ragged rows", () => {
    expect(caught(() => toMatrix({ data: new Float32Array(5), rows: 2, cols: 3 }), "BAD_INPUT").message).toBe(
      "X.data holds 5 values, not rows 2 x cols 3",
    );
    expect(caught(() => toMatrix([[1, 2], [3]]), "BAD_INPUT").message).toBe("X[1] has 1 values, X[0] has 2");
    expect(caught(() => toMatrix([]), "BAD_INPUT").message).toBe("X has no rows");
    expect(caught(() => toMatrix({ data: [1, 2] as never, rows: 1, cols: 2 }), "BAD_INPUT").message).toMatch(
      /X\.data must be a Float32Array, Float64Array or Uint8Array/,
    );
    expect(caught(() => toMatrix([["a", 1]] as never), "BAD_INPUT").message).toBe(
      "X[0][0] is not a number (string)",
    );
  });

  for (const [name, make] of [
    ["LogisticRegression", () => new LogisticRegression({ onWarning: () => {} })],
    ["MLPClassifier", () => new MLPClassifier({ hiddenLayerSizes: [3], maxIter: 2, onWarning: () => {} })],
  ] as const) {
    it(`${name}: fit, predict, predictProba and score`, () => {
      const model = make();
      expect(caught(() => model.predict(X), "NOT_FITTED").message).toBe(`${name}.predict: call fit first`);
      expect(caught(() => model.fit(X, [0, 1, 1]), "BAD_INPUT").message).toBe(
        `${name}.fit: y has 3 labels but X has 4 rows`,
      );
      expect(caught(() => model.fit(X, [0, 0, 0, 0]), "BAD_INPUT").message).toBe(
        `${name}.fit: y needs at least two classes, got [0]`,
      );
      expect(caught(() => model.fit(X, [0, 1, Number.NaN, 0]), "BAD_INPUT").message).toBe(
        `${name}.fit: y[2] is NaN, not a finite number`,
      );
      const e = caught(
        () =>
          model.fit(
            [
              [0, 1],
              [1, Number.POSITIVE_INFINITY],
            ],
            [0, 1],
          ),
        "BAD_INPUT",
      );
      expect(e.message).toBe(`${name}.fit: X contains Infinity at row 1, column 1`);
      expect(e.field).toBe("X");
      expect(
        caught(() => model.fit({ data: new Float64Array(3), rows: 2, cols: 2 }, [0, 1]), "BAD_INPUT").message,
      ).toBe(`${name}.fit: X.data holds 3 values, not rows 2 x cols 2`);
      model.fit(X, y);
      expect(caught(() => model.predict([[1, 2, 3]]), "BAD_INPUT").message).toBe(
        `${name}.predict: X has 3 features, but ${name} was fitted with 2`,
      );
      expect(caught(() => model.predictProba([[Number.NaN, 1]]), "BAD_INPUT").message).toBe(
        `${name}.predictProba: X contains NaN at row 0, column 0`,
      );
      expect(caught(() => model.score(X, [0, 1]), "BAD_INPUT").message).toBe(
        `${name}.score: y has 2 labels but X has 4 rows`,
      );
      expect(model.predict(X)).toHaveLength(4);
      if (model instanceof MLPClassifier) model.dispose();
    });
  }

  it("MLPClassifier.partialFit: classes and later calls' widths", () => {
    const mlp = new MLPClassifier({ hiddenLayerSizes: [3], onWarning: () => {} });
    expect(caught(() => mlp.partialFit(X, y, "01" as never), "BAD_INPUT").message).toBe(
      "MLPClassifier.partialFit: classes must be an array of finite numbers",
    );
    expect(caught(() => mlp.partialFit(X, [0, 1, 2, 0], [0, 1]), "BAD_INPUT").message).toBe(
      "MLPClassifier.partialFit: y[2] = 2 is not one of the classes [0, 1]",
    );
    mlp.partialFit(X, y, [0, 1]);
    expect(caught(() => mlp.partialFit([[1, 2, 3]], [0]), "BAD_INPUT").message).toBe(
      "MLPClassifier.partialFit: X has 3 features, but MLPClassifier was fitted with 2",
    );
    mlp.dispose();
  });

  it("StandardScaler: fit, transform, fitTransform and inverseTransform", () => {
    const scaler = new StandardScaler();
    expect(caught(() => scaler.transform(X), "NOT_FITTED").message).toBe(
      "StandardScaler.transform: call fit first",
    );
    expect(caught(() => scaler.inverseTransform(X), "NOT_FITTED").message).toBe(
      "StandardScaler.inverseTransform: call fit first",
    );
    expect(caught(() => scaler.fit([[1, Number.NaN]]), "BAD_INPUT").message).toBe(
      "StandardScaler.fit: X contains NaN at row 0, column 1",
    );
    expect(caught(() => scaler.fitTransform("x" as never), "BAD_INPUT").message).toBe(
      "StandardScaler.fitTransform: X must be a matrix { data, rows, cols } or an array of rows, got x",
    );
    scaler.fit(X);
    expect(caught(() => scaler.inverseTransform([[1]]), "BAD_INPUT").message).toBe(
      "StandardScaler.inverseTransform: X has 1 features, but StandardScaler was fitted with 2",
    );
  });
});
