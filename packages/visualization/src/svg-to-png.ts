import { Resvg } from "@resvg/resvg-js";
import { VisualizationError } from "./errors.js";
import { FONT_FAMILY, bundledFontFiles } from "./fonts.js";

/** Options of the PNG conversion. */
export interface PngOptions {
  /** Zoom factor from SVG pixels to PNG pixels; 2 by default, sharp on high-density screens and in print. */
  scale?: number;
}

/**
 * Rasterises an SVG figure to PNG bytes with resvg and the bundled DejaVu fonts. Same SVG, same bytes.
 * The PNG is ceil(svg width * scale) x ceil(svg height * scale) pixels.
 */
export function svgToPng(svg: string, options: PngOptions = {}): Uint8Array {
  const scale = options.scale ?? 2;
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new VisualizationError("INVALID_OPTION", `scale must be a positive number, got ${scale}`);
  }
  const resvg = new Resvg(svg, {
    fitTo: { mode: "zoom", value: scale },
    font: {
      fontFiles: bundledFontFiles(),
      loadSystemFonts: false,
      defaultFontFamily: FONT_FAMILY,
      sansSerifFamily: FONT_FAMILY,
      serifFamily: FONT_FAMILY,
      monospaceFamily: "DejaVu Sans Mono",
    },
    // Vega writes `shape-rendering` hints; keep anti-aliasing as the browser would.
    shapeRendering: 2,
    textRendering: 1,
    imageRendering: 0,
  });
  return new Uint8Array(resvg.render().asPng());
}
