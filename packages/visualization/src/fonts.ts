import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/** The font family every figure's text is drawn with in PNGs. */
export const FONT_FAMILY = "DejaVu Sans";

/**
 * Paths of the DejaVu TrueType files shipped by the `dejavu-fonts-ttf` package. The PNG renderer loads only
 * these, never system fonts, so text looks the same and gives the same bytes on every machine.
 */
export function bundledFontFiles(): string[] {
  return ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSansMono.ttf"].map((f) =>
    require.resolve(`dejavu-fonts-ttf/ttf/${f}`),
  );
}
