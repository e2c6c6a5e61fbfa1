/** An SVG figure made by `@mlp-lab/visualization`, shown as an image (no script or style reaches the page). */
export function SvgFigure({ svg, label }: { svg: string; label: string }) {
  return (
    <img className="figure" src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} />
  );
}
