import { COLORBAR_HEIGHT, type ColorbarOptions, colorbarSvg } from "./colorbar.js";
import { VisualizationError } from "./errors.js";
import { type RasterImage, pngDataUri } from "./png-encode.js";
import { escapeXml, estimateTextWidth, px } from "./svg-text.js";

/** One panel of an image grid. */
export interface GridCell {
  /** The picture, already coloured. */
  image: RasterImage;
  /** Lines above the picture, like matplotlib's `plt.title`. */
  title?: string[];
  /** Colour of the title; black by default. */
  titleColor?: string;
  /** Line below the picture, like matplotlib's `set_xlabel`. */
  label?: string;
}

/** How to lay out an image grid. */
export interface GridLayout {
  /** Rows of panels. */
  rows: number;
  /** Columns of panels. */
  cols: number;
  /** Figure title at the top, like `plt.suptitle`. */
  suptitle?: string;
  /** Integer zoom of each picture; by default the largest that keeps a picture near 112 px. */
  zoom?: number;
  /** Colour bar under the grid. */
  colorbar?: ColorbarOptions;
}

const FONT_SIZE = 12;
const LINE = 15;
const GAP_X = 14;
const GAP_Y = 10;
const MARGIN = 12;
const SUPTITLE_SIZE = 15;

/**
 * Draws pictures in a rows x cols grid as SVG, each picture an embedded PNG shown with nearest-neighbour
 * scaling (matplotlib's `interpolation='none'`), so the file stays small and pixels stay crisp at any zoom.
 */
export function imageGridSvg(cells: readonly GridCell[], layout: GridLayout): string {
  const { rows, cols } = layout;
  if (!(Number.isInteger(rows) && Number.isInteger(cols) && rows > 0 && cols > 0)) {
    throw new VisualizationError(
      "INVALID_OPTION",
      `grid shape must be positive integers, got ${rows}x${cols}`,
    );
  }
  if (cells.length === 0)
    throw new VisualizationError("EMPTY_INPUT", "an image grid needs at least one picture");
  const shown = cells.slice(0, rows * cols);
  const first = shown[0]!.image;
  const zoom = layout.zoom ?? Math.max(1, Math.round(112 / Math.max(first.width, first.height)));
  const tileW = first.width * zoom;
  const tileH = first.height * zoom;
  const titleLines = Math.max(0, ...shown.map((c) => c.title?.length ?? 0));
  const hasLabel = shown.some((c) => c.label !== undefined);
  const textWidth = Math.max(
    0,
    ...shown.flatMap((c) => [...(c.title ?? []), c.label ?? ""].map((t) => estimateTextWidth(t, FONT_SIZE))),
  );
  const colW = Math.max(tileW, Math.ceil(textWidth));
  const cellH = titleLines * LINE + tileH + (hasLabel ? LINE + 4 : 0);
  const top = MARGIN + (layout.suptitle ? SUPTITLE_SIZE + 10 : 0);
  const gridW = cols * colW + (cols - 1) * GAP_X;
  const width = gridW + 2 * MARGIN;
  const gridBottom = top + rows * cellH + (rows - 1) * GAP_Y;
  const height = gridBottom + (layout.colorbar ? COLORBAR_HEIGHT : 0) + MARGIN;

  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, sans-serif">`,
  ];
  if (layout.suptitle) parts.push(`<title>${escapeXml(layout.suptitle)}</title>`);
  parts.push(`<rect width="${width}" height="${height}" fill="#fff"/>`);
  if (layout.suptitle) {
    parts.push(
      `<text class="suptitle" x="${px(width / 2)}" y="${MARGIN + SUPTITLE_SIZE}" font-size="${SUPTITLE_SIZE}" text-anchor="middle">${escapeXml(layout.suptitle)}</text>`,
    );
  }
  shown.forEach((cell, i) => {
    if (cell.image.width !== first.width || cell.image.height !== first.height) {
      throw new VisualizationError(
        "SHAPE_MISMATCH",
        `picture ${i} is ${cell.image.width}x${cell.image.height}, the first is ${first.width}x${first.height}`,
      );
    }
    const x = MARGIN + (i % cols) * (colW + GAP_X);
    const y = top + Math.floor(i / cols) * (cellH + GAP_Y);
    const cx = colW / 2;
    const imageX = (colW - tileW) / 2;
    const imageY = titleLines * LINE;
    parts.push(`<g class="panel" transform="translate(${px(x)},${px(y)})">`);
    (cell.title ?? []).forEach((line, k) => {
      const fill = cell.titleColor ? ` fill="${cell.titleColor}"` : "";
      parts.push(
        `<text x="${px(cx)}" y="${(k + 1) * LINE - 4}" font-size="${FONT_SIZE}" text-anchor="middle"${fill}>${escapeXml(line)}</text>`,
      );
    });
    // Nearest-neighbour scaling: resvg honours only "optimizeSpeed", Chrome wants "pixelated"; the last value a
    // renderer understands wins, so both are listed, pixelated first.
    parts.push(
      `<image x="${px(imageX)}" y="${imageY}" width="${tileW}" height="${tileH}" image-rendering="optimizeSpeed" style="image-rendering:pixelated;image-rendering:optimizeSpeed" xlink:href="${pngDataUri(cell.image)}"/>`,
      `<rect x="${px(imageX)}" y="${imageY}" width="${tileW}" height="${tileH}" fill="none" stroke="#000" stroke-width="0.8"/>`,
    );
    if (cell.label !== undefined) {
      parts.push(
        `<text x="${px(cx)}" y="${imageY + tileH + LINE}" font-size="${FONT_SIZE}" text-anchor="middle">${escapeXml(cell.label)}</text>`,
      );
    }
    parts.push("</g>");
  });
  if (layout.colorbar) {
    const barW = Math.min(360, gridW * 0.8);
    parts.push(colorbarSvg(layout.colorbar, (width - barW) / 2, gridBottom + 14, barW));
  }
  parts.push("</svg>");
  return parts.join("\n");
}
