import { describe, expect, it } from "vitest";
import { datasetSummary, formatDatasetSummary } from "./dataset-summary.js";
import { tinySet as set } from "./test-fixtures.js";

describe("datasetSummary", () => {
  it("prints shapes, features, classes and label counts like the course", () => {
    const train = set(4, 28, 28, 1, [0, 1, 1, 2]);
    const val = set(2, 28, 28, 1, [2, 2], "test");
    const summary = datasetSummary({ train, val });
    expect(summary).toEqual({
      shapes: { train: [4, 28, 28], val: [2, 28, 28] },
      inputFeatures: 784,
      outputClasses: 3,
      classCounts: { train: [1, 2, 1], val: [0, 0, 2] },
    });
    expect(formatDatasetSummary(summary)).toBe(
      [
        "Datasets shapes: {'train': [4, 28, 28], 'val': [2, 28, 28]}",
        "N input features: 784 Output classes: 3",
        "Train size= 4  Train label count= {0: 1, 1: 2, 2: 1}",
        "Val size= 2  Val label count= {0: 0, 1: 0, 2: 2}",
      ].join("\n"),
    );
    expect(datasetSummary({ train: set(2, 32, 32, 3, [0, 0]) }, { train: [1] }).shapes.train).toEqual([
      2, 32, 32, 3,
    ]);
  });
});
