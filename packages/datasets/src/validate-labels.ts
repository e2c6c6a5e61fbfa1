import { DatasetFormatError } from "./errors.js";

/** Throw a `LABEL_OUT_OF_RANGE` error naming `path` and the first bad label and its position. */
export function validateLabels(labels: Uint8Array, numClasses: number, path: string): void {
  for (let i = 0; i < labels.length; i++) {
    const label = labels[i]!;
    if (label >= numClasses) {
      throw new DatasetFormatError(
        "LABEL_OUT_OF_RANGE",
        path,
        `label ${label} at index ${i} is outside [0, ${numClasses - 1}] (${numClasses} classes)`,
      );
    }
  }
}
