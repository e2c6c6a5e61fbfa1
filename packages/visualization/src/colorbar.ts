import type { Colormap } from "./colormap.js";
import { pngDataUri } from "./png-encode.js";
import { escapeXml, formatValue, px } from "./svg-text.js";

/** A horizontal colour bar under an image grid: what each colour means. */
export interface ColorbarOptions {
  /** The grid's colour map. */
  colormap: Colormap;
  /** Value of the first colour. */
  vmin: number;
  /** Value of the last colour. */
  vmax: number;
  /** Caption under the bar, e.g. "Coefficient". */
  label: string;
}

/** Height the colour bar takes, ticks and caption included. */
export const COLORBAR_HEIGHT = 58;

/** SVG fragment of a colour bar `width` wide with its top-left corner at (x, y). */
export function colorbarSvg(options: ColorbarOptions, x: number, y: number, width: number): string {
  // The bar is the colour map's own 256 entries stretched, so it shows exactly the colours of the tiles.
  const uri = pngDataUri({ width: 256, height: 1, channels: 3, data: options.colormap.lut });
  const barHeight = 12;
  const ticks = [options.vmin, (options.vmin + options.vmax) / 2, options.vmax];
  const parts = [
    `<g class="colorbar" transform="translate(${px(x)},${px(y)})">`,
    `<image x="0" y="0" width="${px(width)}" height="${barHeight}" preserveAspectRatio="none" image-rendering="optimizeSpeed" style="image-rendering:pixelated;image-rendering:optimizeSpeed" xlink:href="${uri}"/>`,
    `<rect x="0" y="0" width="${px(width)}" height="${barHeight}" fill="none" stroke="#000" stroke-width="0.8"/>`,
  ];
  ticks.forEach((value, i) => {
    const tx = (i / (ticks.length - 1)) * width;
    parts.push(
      `<line x1="${px(tx)}" y1="${barHeight}" x2="${px(tx)}" y2="${barHeight + 4}" stroke="#000" stroke-width="0.8"/>`,
    );
    parts.push(
      `<text x="${px(tx)}" y="${barHeight + 16}" font-size="11" text-anchor="middle">${formatValue(value)}</text>`,
    );
  });
  parts.push(
    `<text x="${px(width / 2)}" y="${barHeight + 34}" font-size="12" text-anchor="middle">${escapeXml(options.label)}</text>`,
    "</g>",
  );
  return parts.join("");
}
