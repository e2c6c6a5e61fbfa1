import { View, parse } from "vega";
import { type TopLevelSpec, compile } from "vega-lite";

/**
 * Renders a Vega-Lite spec to an SVG string without a browser (Vega's headless view, `renderer: "none"`).
 * Element ids that Vega numbers with process-wide counters are renumbered per document, so the same spec gives
 * the same bytes however many charts were drawn before.
 */
export async function renderSpecSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: "none", logLevel: 0 });
  try {
    const svg = await view.toSVG();
    return renumberIds(svg);
  } finally {
    view.finalize();
  }
}

/** Renames every id="..." (and its url(#...) / href="#..." uses) to a per-document sequence. */
function renumberIds(svg: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!ids.has(m[1]!)) ids.set(m[1]!, `v${ids.size + 1}`);
  }
  if (ids.size === 0) return svg;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, id: string) => `id="${ids.get(id)}"`)
    .replace(/url\(#([^)]+)\)/g, (whole, id: string) => (ids.has(id) ? `url(#${ids.get(id)})` : whole))
    .replace(/href="#([^"]+)"/g, (whole, id: string) => (ids.has(id) ? `href="#${ids.get(id)}"` : whole));
}
