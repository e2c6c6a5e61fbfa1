import { useEffect, useRef, useState } from "react";

/**
 * A Vega-Lite spec (as `@mlp-lab/visualization` builds them) drawn with vega-embed (SVG), redrawn when the
 * spec changes. Typed loosely: the spec's type comes from visualization's own copy of vega-lite.
 */
export function Chart({ spec, label }: { spec: object; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    import("vega-embed")
      .then(({ default: embed }) =>
        embed(element, spec as Parameters<typeof embed>[1], { actions: false, renderer: "svg" }),
      )
      .then(
        (result) => {
          if (cancelled) result.finalize();
          else finalize = () => result.finalize();
        },
        (e: unknown) => setError((e as Error).message),
      );
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  return (
    <figure className="chart" aria-label={label}>
      <div ref={ref} />
      {error && <p className="error">Chart failed: {error}</p>}
    </figure>
  );
}

/** An SVG figure from `@mlp-lab/visualization`, shown as an image (no script of it reaches the page). */
export function SvgFigure({ svg, label }: { svg: string; label: string }) {
  return (
    <figure className="svg-figure">
      <img src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`} alt={label} />
      <figcaption>{label}</figcaption>
    </figure>
  );
}
