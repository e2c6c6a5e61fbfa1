import { RdBu } from "./colormap.js";
import { VisualizationError } from "./errors.js";
import { type GridCell, imageGridSvg } from "./image-grid.js";
import { colorizeScalar } from "./image-tile.js";
import { checkArray, checkObject } from "./validate.js";

/** How to draw the coefficient maps of a linear classifier. */
export interface CoefficientMapsOptions {
  /** Number of classes, the rows of `coef`. Defaults to 10. */
  numClasses?: number;
  /** Width of the input image; 28 by default. */
  width?: number;
  /** Height of the input image; 28 by default. */
  height?: number;
  /** Rows of the grid; 2 like the course. */
  rows?: number;
  /** Columns of the grid; 5 like the course. */
  cols?: number;
  /** Appended to "Class i" when given, e.g. "Class 0 (T-shirt/top)". */
  classNames?: readonly string[];
  /** True when `coef` is [pixels, classes], a tfjs Dense kernel, rather than scikit-learn's [classes, pixels]. */
  inputsFirst?: boolean;
  /** Figure title; the course's "Classification vector for..." by default. */
  suptitle?: string;
}

/**
 * The course's logistic-regression figure: each class's weight vector as an image with the diverging RdBu map
 * on the symmetric scale ±max|coef| (red negative, blue positive), labelled "Class i", with a colour bar.
 * `coef` is [numClasses, height * width] row-major, like scikit-learn's `coef_`; pass `inputsFirst` for a tfjs
 * Dense kernel [inputs, classes].
 */
export function coefficientMapsSvg(coef: ArrayLike<number>, options: CoefficientMapsOptions = {}): string {
  checkArray(coef, "coefficientMapsSvg", "coef");
  checkObject(options, "coefficientMapsSvg", "options");
  const numClasses = options.numClasses ?? 10;
  const width = options.width ?? 28;
  const height = options.height ?? 28;
  const size = width * height;
  if (coef.length !== numClasses * size) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `coef has ${coef.length} values, expected ${numClasses} classes x ${height}x${width} = ${numClasses * size}`,
    );
  }
  let scale = 0;
  for (let i = 0; i < coef.length; i++) scale = Math.max(scale, Math.abs(coef[i]!));
  const cells: GridCell[] = [];
  for (let c = 0; c < numClasses; c++) {
    const pixels = new Float64Array(size);
    for (let p = 0; p < size; p++)
      pixels[p] = options.inputsFirst ? coef[p * numClasses + c]! : coef[c * size + p]!;
    const name = options.classNames?.[c];
    cells.push({
      image: colorizeScalar({ pixels, width, height }, { colormap: RdBu, vmin: -scale, vmax: scale }),
      label: name ? `Class ${c} (${name})` : `Class ${c}`,
    });
  }
  return imageGridSvg(cells, {
    rows: options.rows ?? 2,
    cols: options.cols ?? 5,
    suptitle: options.suptitle ?? "Classification vector for...",
    colorbar: { colormap: RdBu, vmin: -scale, vmax: scale, label: "Coefficient" },
  });
}
