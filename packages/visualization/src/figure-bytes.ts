import { VisualizationError } from "./errors.js";
import { type PngOptions, svgToPng } from "./svg-to-png.js";

/** File formats a figure can be written in. */
export type FigureFormat = "svg" | "png";

/** A figure's SVG as the bytes of a file in `format`, ready for `writeFile`. */
export function figureBytes(svg: string, format: FigureFormat, options: PngOptions = {}): Uint8Array {
  if (format === "svg") return new TextEncoder().encode(svg);
  if (format === "png") return svgToPng(svg, options);
  throw new VisualizationError(
    "INVALID_OPTION",
    `figure format must be "svg" or "png", got "${String(format)}"`,
  );
}
