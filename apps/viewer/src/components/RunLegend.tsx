/** Tableau 10, the scheme the curves chart colours runs with, so the legend swatches match the lines. */
const TABLEAU10 = [
  "#4c78a8",
  "#f58518",
  "#e45756",
  "#72b7b2",
  "#54a24b",
  "#eeca3b",
  "#b279a2",
  "#ff9da6",
  "#9d755d",
  "#bab0ac",
];

/** The runs of a chart as toggle buttons: colour swatch and label; pressing one hides or shows its curves. */
export function RunLegend({
  runs,
  hidden,
  onToggle,
}: { runs: readonly string[]; hidden: ReadonlySet<string>; onToggle: (run: string) => void }) {
  return (
    <ul className="run-legend" aria-label="runs in the chart">
      {runs.map((run, i) => (
        <li key={run}>
          <button
            type="button"
            className="legend-item"
            aria-pressed={!hidden.has(run)}
            title={hidden.has(run) ? `show ${run}` : `hide ${run}`}
            onClick={() => onToggle(run)}
          >
            <span
              className="swatch"
              style={{ background: TABLEAU10[i % TABLEAU10.length] }}
              aria-hidden="true"
            />
            {run}
          </button>
        </li>
      ))}
    </ul>
  );
}
