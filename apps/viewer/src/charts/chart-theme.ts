import type { Config } from "vega-lite";

/** The resolved colour scheme of the page. */
export type ColorScheme = "light" | "dark";

const DARK_TEXT = "#d7dce6";
const DARK_GRID = "#3a4150";

/**
 * Vega config per colour scheme, passed to vega-embed: the chart background matches the page's panel
 * background, and in the dark scheme text, axes and grid lines turn light so they stay readable.
 */
export function chartConfig(scheme: ColorScheme): Config {
  if (scheme === "light") return { background: "#ffffff" };
  return {
    background: "#1b2029",
    title: { color: DARK_TEXT, subtitleColor: DARK_TEXT },
    style: {
      "guide-label": { fill: DARK_TEXT },
      "guide-title": { fill: DARK_TEXT },
      "group-title": { fill: DARK_TEXT },
    },
    axis: {
      domainColor: "#8690a3",
      gridColor: DARK_GRID,
      tickColor: "#8690a3",
      labelColor: DARK_TEXT,
      titleColor: DARK_TEXT,
    },
    legend: { labelColor: DARK_TEXT, titleColor: DARK_TEXT },
    view: { stroke: DARK_GRID },
  };
}
