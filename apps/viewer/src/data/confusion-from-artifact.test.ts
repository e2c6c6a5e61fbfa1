import { describe, expect, it } from "vitest";
import {
  ArtifactFormatError,
  confusionFromArtifact,
  confusionFromPredictions,
} from "./confusion-from-artifact.js";
import { perClassFromArtifact, perClassFromConfusion } from "./per-class-rows.js";

describe("confusion matrices from artifacts", () => {
  it("reads confusion-matrix.json rows into a flat matrix", () => {
    const { matrix, classNames } = confusionFromArtifact({
      matrix: [
        [3, 1],
        [0, 4],
      ],
      classNames: ["cat", "dog"],
    });
    expect(matrix.numClasses).toBe(2);
    expect(Array.from(matrix.counts)).toEqual([3, 1, 0, 4]);
    expect(classNames).toEqual(["cat", "dog"]);
  });

  it("counts one from val-predictions.json", () => {
    const { matrix } = confusionFromPredictions({ labels: [0, 1, 2, 2], predictions: [0, 2, 2, 2] });
    expect(matrix.numClasses).toBe(3);
    expect(Array.from(matrix.counts)).toEqual([1, 0, 0, 0, 0, 1, 0, 0, 2]);
  });

  it("names the artifact when it is malformed", () => {
    expect(() => confusionFromArtifact({ matrix: [[1, 2]] })).toThrow(ArtifactFormatError);
    expect(() => confusionFromArtifact({ matrix: [[1, 2]] })).toThrow(/confusion-matrix\.json.*square/);
    expect(() => confusionFromPredictions({ labels: [1], predictions: [] })).toThrow(/val-predictions\.json/);
  });
});

describe("per-class rows", () => {
  it("computes precision, recall and F1 from a confusion matrix", () => {
    const rows = perClassFromConfusion(
      confusionFromArtifact({
        matrix: [
          [3, 1],
          [0, 4],
        ],
        classNames: ["cat", "dog"],
      }),
    );
    expect(rows[0]).toMatchObject({ name: "cat", precision: 1, recall: 0.75, support: 4 });
    expect(rows[1]).toMatchObject({ name: "dog", precision: 0.8, recall: 1, support: 4 });
  });

  it("reads per-class-metrics.json, naming classes by label when unnamed", () => {
    const rows = perClassFromArtifact({
      classes: [{ label: 7, precision: 0.9, recall: 0.8, f1: 0.85, support: 10 }],
    });
    expect(rows).toEqual([{ label: 7, name: "7", precision: 0.9, recall: 0.8, f1: 0.85, support: 10 }]);
  });
});
