import { useEffect, useRef, useState } from "react";
import type { TopLevelSpec } from "vega-lite";
import { ErrorMessage } from "./ErrorMessage.js";

/**
 * A Vega-Lite spec from `@mlp-lab/visualization` drawn with vega-embed (SVG renderer), so the browser shows the
 * same chart the CLI writes as SVG/PNG.
 */
export function VegaChart({ spec, label }: { spec: TopLevelSpec; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<unknown>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    setError(null);
    // vega-embed is large; load it with the first chart so the runs table paints without it.
    import("vega-embed")
      .then(({ default: embed }) => embed(element, spec, { actions: false, renderer: "svg" }))
      .then(
        (result) => {
          if (cancelled) result.finalize();
          else finalize = () => result.finalize();
        },
        (e: unknown) => {
          if (!cancelled) setError(e);
        },
      );
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);
  if (error) return <ErrorMessage title={`Cannot draw ${label}`} error={error} />;
  // vega-embed sets its own role and aria-label on the element it draws in, so the label sits on a wrapper.
  return (
    <figure className="chart" data-chart={label} aria-label={label}>
      <div ref={ref} />
    </figure>
  );
}
