import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { VisualizationError } from "./errors.js";

/** The font family every figure's text is drawn with in PNGs. */
export const FONT_FAMILY = "DejaVu Sans";

/**
 * The two faces the figures draw with: regular for labels and values, bold for the titles Vega writes
 * (`font-weight: bold`). No figure uses italics or a monospace face, so only these ship (1.4 MB instead of
 * the 12 MB DejaVu family).
 */
const FACES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf"] as const;

/**
 * Where the font folder can sit relative to the module that runs this code: `../fonts/` from this package's
 * `dist/` or `src/`, and `./fonts/` beside a bundle that inlines this package (the `mlp` CLI copies them
 * into its `dist/fonts/`).
 */
const CANDIDATE_DIRS = ["../fonts/", "./fonts/"];

let cached: string[] | undefined;

/**
 * Paths of the DejaVu TrueType files shipped in this package's `fonts/` folder. The PNG renderer loads only
 * these, never system fonts, so text looks the same and gives the same bytes on every machine.
 * @throws {VisualizationError} code `FONTS_MISSING` when the folder is not found (a broken install or a
 * bundle that did not copy it).
 */
export function bundledFontFiles(): string[] {
  if (cached) return cached;
  const tried: string[] = [];
  for (const dir of CANDIDATE_DIRS) {
    const paths = FACES.map((face) => fileURLToPath(new URL(`${dir}${face}`, import.meta.url)));
    if (paths.every((p) => existsSync(p))) {
      cached = paths;
      return paths;
    }
    tried.push(fileURLToPath(new URL(dir, import.meta.url)));
  }
  throw new VisualizationError(
    "FONTS_MISSING",
    `the DejaVu fonts (${FACES.join(", ")}) were not found in ${tried.join(" or ")}; reinstall @mlp-lab/visualization`,
  );
}
