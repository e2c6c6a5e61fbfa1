import { createRequire } from "node:module";
import type { Resvg as ResvgClass } from "@resvg/resvg-js";
import { VisualizationError } from "./errors.js";
import { FONT_FAMILY, bundledFontFiles } from "./fonts.js";

let resvg: typeof ResvgClass | undefined;

/**
 * resvg is loaded on the first PNG, not at import: an install without its platform binary
 * (`npm install --omit=optional` skips `@resvg/resvg-js-<platform>`) still runs everything but PNG output.
 */
function loadResvg(): typeof ResvgClass {
  if (resvg) return resvg;
  try {
    const require = createRequire(import.meta.url);
    resvg = (require("@resvg/resvg-js") as { Resvg: typeof ResvgClass }).Resvg;
    return resvg;
  } catch (error) {
    throw new VisualizationError(
      "PNG_RENDERER_MISSING",
      `PNG output needs @resvg/resvg-js with its binary for ${process.platform}-${process.arch}, which did not load ` +
        `(${(error as Error).message.split("\n")[0]}). npm skips that binary with --omit=optional: reinstall without it, or write SVG.`,
    );
  }
}

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
  if (typeof svg !== "string" || !svg.includes("<svg"))
    throw new VisualizationError(
      "INVALID_OPTION",
      `svgToPng: svg must be an SVG document string, got ${typeof svg}`,
    );
  const scale = options.scale ?? 2;
  if (!(scale > 0 && Number.isFinite(scale))) {
    throw new VisualizationError("INVALID_OPTION", `scale must be a positive number, got ${scale}`);
  }
  const Resvg = loadResvg();
  const renderer = new Resvg(svg, {
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
  return new Uint8Array(renderer.render().asPng());
}
