import { VisualizationError } from "./errors.js";
import { type ImageBatch, batchSize, imageAt } from "./image-batch.js";
import { type GridCell, imageGridSvg } from "./image-grid.js";
import { toRaster } from "./image-tile.js";
import { checkArray, checkBatch, checkObject } from "./validate.js";

/** What to show in a grid of samples. */
export interface SampleGridOptions {
  /** True class of every image in the batch. */
  yTrue: ArrayLike<number>;
  /** Predicted class of every image; omit to show the labels only. */
  yPred?: ArrayLike<number>;
  /** Which images to show, in order; the first rows * cols by default. */
  indices?: readonly number[];
  /** Rows of the grid; 2 like the course's first grid. */
  rows?: number;
  /** Columns of the grid; 3 like the course's first grid. */
  cols?: number;
  /** Names to show instead of class numbers (CIFAR-10's "airplane", ...). */
  classNames?: readonly string[];
  /** Figure title. */
  suptitle?: string;
}

function className(label: number, names: readonly string[] | undefined): string {
  return names?.[label] ?? String(label);
}

/** Panel titles: "True: 7 Pred: 7" like the course; two lines when class names are long. */
function panelTitle(
  trueLabel: number,
  predLabel: number | undefined,
  names: readonly string[] | undefined,
): string[] {
  const t = `True: ${className(trueLabel, names)}`;
  if (predLabel === undefined) return [t];
  const p = `Pred: ${className(predLabel, names)}`;
  return names ? [t, p] : [`${t} ${p}`];
}

/**
 * The course's `show_data_label_prediction`: images in a grid, each titled "True: y Pred: p"
 * (grayscale autoscaled per image like `imshow(cmap='gray')`, RGB as is). Wrong predictions are titled in red.
 */
export function sampleGridSvg(batch: ImageBatch, options: SampleGridOptions): string {
  checkBatch(batch, "sampleGridSvg");
  checkObject(options, "sampleGridSvg", "options");
  checkArray(options.yTrue, "sampleGridSvg", "options.yTrue");
  if (options.yPred !== undefined) checkArray(options.yPred, "sampleGridSvg", "options.yPred");
  const n = batchSize(batch);
  const { yTrue, yPred, classNames } = options;
  if (yTrue.length !== n) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `the batch has ${n} images but yTrue has ${yTrue.length} labels`,
    );
  }
  if (yPred && yPred.length !== n) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `the batch has ${n} images but yPred has ${yPred.length} labels`,
    );
  }
  const rows = options.rows ?? 2;
  const cols = options.cols ?? 3;
  const indices = options.indices ?? Array.from({ length: Math.min(n, rows * cols) }, (_, i) => i);
  const cells: GridCell[] = indices.slice(0, rows * cols).map((i) => {
    if (!(Number.isInteger(i) && i >= 0 && i < n)) {
      throw new VisualizationError("INVALID_OPTION", `index ${i} is outside the batch of ${n} images`);
    }
    const t = yTrue[i]!;
    const p = yPred?.[i];
    const cell: GridCell = { image: toRaster(imageAt(batch, i)), title: panelTitle(t, p, classNames) };
    if (p !== undefined && p !== t) cell.titleColor = "#c00";
    return cell;
  });
  return imageGridSvg(cells, { rows, cols, ...(options.suptitle ? { suptitle: options.suptitle } : {}) });
}
