import { useEffect, useRef, useState } from "react";
import type { View } from "vega";
import type { TopLevelSpec } from "vega-lite";
import { chartConfig } from "../charts/chart-theme.js";
import { useColorScheme } from "../state/color-scheme.js";
import { ErrorMessage } from "./ErrorMessage.js";
import { fileSafe, saveText, saveUrl } from "./save-file.js";

/** Props of {@link VegaChart}. */
export interface VegaChartProps {
  spec: TopLevelSpec;
  /** Accessible name of the figure; also the default file name of its exports. */
  label: string;
  /** File name (without extension) for the SVG and PNG exports. */
  fileName?: string;
  /** Called with the data row of a clicked mark (e.g. a confusion-matrix cell). */
  onDatumClick?: (datum: Record<string, unknown>) => void;
  /** Listeners of named signals (e.g. a selection param's value), attached whenever the chart is drawn. */
  onSignals?: Record<string, (value: unknown) => void>;
  /** Changes to the compiled Vega spec before it is drawn (vega-embed's `patch`); keep it a stable function. */
  patch?: (vegaSpec: object) => object;
}

/**
 * A Vega-Lite spec drawn with vega-embed (SVG renderer) in the page's colour scheme, with buttons that save
 * the figure as SVG or PNG. Specs from `@mlp-lab/visualization` fix a white background for the CLI's files;
 * here the theme decides it, so the chart matches the page in dark mode.
 */
export function VegaChart({ spec, label, fileName, onDatumClick, onSignals, patch }: VegaChartProps) {
  const ref = useRef<HTMLDivElement>(null);
  const viewRef = useRef<View | null>(null);
  const clickRef = useRef(onDatumClick);
  clickRef.current = onDatumClick;
  const signalsRef = useRef(onSignals);
  signalsRef.current = onSignals;
  const scheme = useColorScheme();
  const [error, setError] = useState<unknown>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    setError(null);
    setReady(false);
    const { background: _fixed, ...themed } = spec as TopLevelSpec & { background?: unknown };
    // vega-embed is large; load it with the first chart so the runs table paints without it.
    import("vega-embed")
      .then(({ default: embed }) =>
        embed(element, themed as TopLevelSpec, {
          actions: false,
          renderer: "svg",
          config: chartConfig(scheme),
          ...(patch ? { patch: patch as never } : {}),
        }),
      )
      .then(
        (result) => {
          if (cancelled) {
            result.finalize();
            return;
          }
          viewRef.current = result.view;
          result.view.addEventListener("click", (_event, item) => {
            const datum = (item as { datum?: Record<string, unknown> } | null | undefined)?.datum;
            if (datum) clickRef.current?.(datum);
          });
          for (const name of Object.keys(signalsRef.current ?? {})) {
            result.view.addSignalListener(name, (_name, value) => signalsRef.current?.[name]?.(value));
          }
          finalize = () => result.finalize();
          setReady(true);
        },
        (e: unknown) => {
          if (!cancelled) setError(e);
        },
      );
    return () => {
      cancelled = true;
      viewRef.current = null;
      finalize?.();
    };
  }, [spec, scheme, patch]);
  if (error) return <ErrorMessage title={`Cannot draw ${label}`} error={error} />;
  const base = fileSafe(fileName ?? label);
  const saveSvg = async () => {
    const view = viewRef.current;
    if (view) saveText(await view.toSVG(), `${base}.svg`, "image/svg+xml");
  };
  const savePng = async () => {
    const view = viewRef.current;
    if (view) saveUrl(await view.toImageURL("png", 2), `${base}.png`);
  };
  // vega-embed sets its own role and aria-label on the element it draws in, so the label sits on a wrapper.
  return (
    <figure className="chart" data-chart={label} aria-label={label} data-ready={ready || undefined}>
      <div ref={ref} />
      <figcaption className="chart-actions">
        <button
          type="button"
          className="secondary"
          disabled={!ready}
          onClick={saveSvg}
          aria-label={`save ${label} as SVG`}
        >
          SVG
        </button>
        <button
          type="button"
          className="secondary"
          disabled={!ready}
          onClick={savePng}
          aria-label={`save ${label} as PNG`}
        >
          PNG
        </button>
      </figcaption>
    </figure>
  );
}
