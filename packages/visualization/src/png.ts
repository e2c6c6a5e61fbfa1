/**
 * Node-only entry: PNG output through resvg with bundled fonts. Kept apart from the main entry so the spec
 * builders and SVG figures load in the browser without a native module.
 */
export { bundledFontFiles, FONT_FAMILY } from "./fonts.js";
export { type PngOptions, svgToPng } from "./svg-to-png.js";
export { type FigureFormat, figureBytes } from "./figure-bytes.js";
