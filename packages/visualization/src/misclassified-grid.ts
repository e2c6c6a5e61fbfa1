import { errors } from "@mlp-lab/metrics";
import type { ImageBatch } from "./image-batch.js";
import { sampleGridSvg } from "./sample-grid.js";
import { escapeXml } from "./svg-text.js";
import { checkArray, checkBatch, checkObject } from "./validate.js";

/** What to show in the grid of misclassified samples. */
export interface MisclassifiedGridOptions {
  /** True class of every image in the batch. */
  yTrue: ArrayLike<number>;
  /** Predicted class of every image. */
  yPred: ArrayLike<number>;
  /** Rows of the grid; 3 like the course. */
  rows?: number;
  /** Columns of the grid; 4 like the course. */
  cols?: number;
  /** Names to show instead of class numbers. */
  classNames?: readonly string[];
  /** Figure title; by default the course's "Nb errors = 879, (Error rate = 8.79%)". */
  suptitle?: string;
}

/**
 * The course's "Plot missclassified samples": the first misclassified images of the batch, titled
 * "True: y Pred: p", under a title with the error count and rate.
 */
export function misclassifiedGridSvg(batch: ImageBatch, options: MisclassifiedGridOptions): string {
  checkBatch(batch, "misclassifiedGridSvg");
  checkObject(options, "misclassifiedGridSvg", "options");
  checkArray(options.yTrue, "misclassifiedGridSvg", "options.yTrue");
  checkArray(options.yPred, "misclassifiedGridSvg", "options.yPred");
  const summary = errors(options.yTrue, options.yPred);
  const suptitle =
    options.suptitle ?? `Nb errors = ${summary.count}, (Error rate = ${(100 * summary.rate).toFixed(2)}%)`;
  if (summary.count === 0) {
    // A perfect batch still gets a figure, so a report or a CLI run does not fail on good news.
    return [
      `<svg xmlns="http://www.w3.org/2000/svg" width="360" height="60" viewBox="0 0 360 60" font-family="DejaVu Sans, sans-serif">`,
      `<title>${escapeXml(suptitle)}</title>`,
      `<rect width="360" height="60" fill="#fff"/>`,
      `<text x="180" y="35" font-size="15" text-anchor="middle">${escapeXml(suptitle)}</text>`,
      "</svg>",
    ].join("\n");
  }
  return sampleGridSvg(batch, {
    yTrue: options.yTrue,
    yPred: options.yPred,
    indices: summary.indices,
    rows: options.rows ?? 3,
    cols: options.cols ?? 4,
    suptitle,
    ...(options.classNames ? { classNames: options.classNames } : {}),
  });
}
