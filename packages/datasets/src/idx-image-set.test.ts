import { describe, expect, it } from "vitest";
import { DatasetFormatError } from "./errors.js";
import { imageSetFromIdx } from "./idx-image-set.js";
import { parseIdx } from "./idx-reader.js";
import { idxBytes } from "./test-fixtures.js";

const meta = { name: "t", split: "train" as const, classNames: ["a", "b", "c"], source: "fixture" };

function build(imageShape: number[], labels: number[], labelDtype = 8) {
  const images = parseIdx(idxBytes(8, imageShape), "images-file");
  const lab = parseIdx(idxBytes(labelDtype, [labels.length], Uint8Array.from(labels)), "labels-file");
  return () => imageSetFromIdx(images, lab, meta);
}

function codeOf(f: () => unknown): string | undefined {
  try {
    f();
  } catch (error) {
    expect(error).toBeInstanceOf(DatasetFormatError);
    return (error as DatasetFormatError).code + " " + (error as Error).message;
  }
  return undefined;
}

describe("imageSetFromIdx", () => {
  it("pairs images and labels into an HWC set", () => {
    const set = build([3, 2, 2], [0, 2, 1])();
    expect(set).toMatchObject({ count: 3, height: 2, width: 2, channels: 1, source: "fixture" });
    expect(Array.from(set.labels)).toEqual([0, 2, 1]);
  });

  it("rejects a label outside the classes, naming the label file, value and index", () => {
    expect(codeOf(build([3, 2, 2], [0, 7, 1]))).toMatch(
      /^LABEL_OUT_OF_RANGE labels-file: label 7 at index 1/,
    );
  });

  it("rejects image and label counts that differ", () => {
    expect(codeOf(build([3, 2, 2], [0, 1]))).toMatch(
      /^COUNT_MISMATCH labels-file: 2 labels but images-file holds 3/,
    );
  });

  it("rejects images that are not 3- or 4-dimensional", () => {
    expect(codeOf(build([12], [0]))).toMatch(/^BAD_SHAPE images-file/);
  });
});
