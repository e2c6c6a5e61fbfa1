import { describe, expect, it } from "vitest";
import {
  MetricsArgumentError,
  accuracy,
  argmaxRows,
  confusionMatrix,
  confusionMatrixRows,
  correctCount,
  errors,
  perClassMetrics,
} from "./index.js";

// Bad input fails at the boundary with the function and the argument named, never deep inside.
describe("metrics: arguments are checked at the boundary", () => {
  const bad: [string, () => unknown, RegExp][] = [
    [
      "accuracy(undefined, yPred)",
      () => accuracy(undefined as never, [1]),
      /^accuracy: yTrue must be an array/,
    ],
    ["accuracy(yTrue, null)", () => accuracy([1], null as never), /^accuracy: yPred must be an array/],
    [
      "correctCount(number, yPred)",
      () => correctCount(3 as never, [1]),
      /^correctCount: yTrue must be .* got 3/,
    ],
    ["errors(string, yPred)", () => errors("01" as never, [0, 1]), /^errors: yTrue must be .* got "01"/],
    [
      "confusionMatrix without numClasses",
      () => confusionMatrix([0], [1], undefined as never),
      /numClasses must be a positive integer, got undefined/,
    ],
    [
      "confusionMatrix numClasses 2.5",
      () => confusionMatrix([0], [1], 2.5),
      /numClasses must be a positive integer, got 2.5/,
    ],
    [
      "argmaxRows cols 0",
      () => argmaxRows(new Float32Array(4), 0),
      /^argmaxRows: cols must be a positive integer, got 0/,
    ],
    [
      "perClassMetrics(undefined)",
      () => perClassMetrics(undefined as never),
      /^perClassMetrics: cm must be a confusion matrix/,
    ],
    [
      "perClassMetrics counts too short",
      () => perClassMetrics({ numClasses: 3, counts: new Int32Array(4) }),
      /cm\.counts must hold numClasses² = 9 counts/,
    ],
    [
      "confusionMatrixRows numClasses -1",
      () => confusionMatrixRows({ numClasses: -1, counts: new Int32Array(0) }),
      /cm\.numClasses must be a positive integer, got -1/,
    ],
  ];
  for (const [what, call, message] of bad) {
    it(what, () => {
      let thrown: unknown;
      try {
        call();
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(MetricsArgumentError);
      expect((thrown as MetricsArgumentError).code).toBe("INVALID_ARGUMENT");
      expect((thrown as Error).message).toMatch(message);
    });
  }

  it("good input still works, typed arrays included", () => {
    expect(accuracy(new Int32Array([0, 1, 2]), [0, 1, 1])).toBeCloseTo(2 / 3);
    expect(perClassMetrics(confusionMatrix([0, 1], new Uint8Array([0, 0]), 2))[0]?.recall).toBe(1);
    expect(Array.from(argmaxRows([0, 1, 1, 0], 2))).toEqual([1, 0]);
  });
});
