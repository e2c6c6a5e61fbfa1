import { gray } from "./colormap.js";
import { VisualizationError } from "./errors.js";
import { type GridCell, imageGridSvg } from "./image-grid.js";
import { colorizeScalar, valueRange } from "./image-tile.js";
import { checkArray, checkObject } from "./validate.js";

/** How to draw the first-layer weights of an MLP. */
export interface WeightMapsOptions {
  /** Hidden units, the columns of the kernel. */
  units: number;
  /** Width of the input image; 28 by default. */
  width?: number;
  /** Height of the input image; 28 by default. */
  height?: number;
  /** Rows of the grid; 4 like the course. */
  rows?: number;
  /** Columns of the grid; 4 like the course. */
  cols?: number;
  /** Figure title. */
  suptitle?: string;
}

/**
 * The course's MLP weight figure: the incoming weights of the first rows * cols hidden units as images, gray
 * map, on one scale for all from 0.5·min to 0.5·max of the whole kernel (`vmin=.5 * vmin, vmax=.5 * vmax`).
 * `kernel` is [height * width, units] row-major: a tfjs Dense kernel, or scikit-learn's `coefs_[0]`.
 */
export function weightMapsSvg(kernel: ArrayLike<number>, options: WeightMapsOptions): string {
  checkArray(kernel, "weightMapsSvg", "kernel");
  checkObject(options, "weightMapsSvg", "options");
  const { units } = options;
  const width = options.width ?? 28;
  const height = options.height ?? 28;
  const inputs = width * height;
  if (!(Number.isInteger(units) && units > 0) || kernel.length !== inputs * units) {
    throw new VisualizationError(
      "SHAPE_MISMATCH",
      `kernel has ${kernel.length} values, expected ${height}x${width} inputs x ${units} units = ${inputs * units}`,
    );
  }
  const rows = options.rows ?? 4;
  const cols = options.cols ?? 4;
  const [lo, hi] = valueRange(kernel);
  const vmin = 0.5 * lo;
  const vmax = 0.5 * hi;
  const cells: GridCell[] = [];
  for (let u = 0; u < Math.min(units, rows * cols); u++) {
    const pixels = new Float64Array(inputs);
    for (let p = 0; p < inputs; p++) pixels[p] = kernel[p * units + u]!;
    cells.push({
      image: colorizeScalar({ pixels, width, height }, { colormap: gray, vmin, vmax }),
      label: `Unit ${u}`,
    });
  }
  return imageGridSvg(cells, {
    rows,
    cols,
    suptitle: options.suptitle ?? "First-layer weights",
    colorbar: { colormap: gray, vmin, vmax, label: "Weight (scale 0.5·min to 0.5·max)" },
  });
}
