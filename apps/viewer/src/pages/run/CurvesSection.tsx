import type { MetricsEntry } from "@mlp-lab/runs/schema";
import { curvesSpec } from "@mlp-lab/visualization";
import { useMemo } from "react";
import { Note } from "../../components/ErrorMessage.js";
import { VegaChart } from "../../components/VegaChart.js";
import { metricsHistory } from "../../data/metrics-history.js";

/** Train and val loss and accuracy per epoch, drawn with the visualization package's curves spec. */
export function CurvesSection({
  label,
  entries,
  width = 360,
}: { label: string; entries: readonly MetricsEntry[]; width?: number }) {
  const history = useMemo(() => metricsHistory(label, entries), [label, entries]);
  const spec = useMemo(
    () => (history.records.length > 0 ? curvesSpec(history, { metric: "both", width, height: 240 }) : null),
    [history, width],
  );
  return (
    <section className="curves" data-points={history.records.length}>
      <h2>Training curves</h2>
      {spec ? <VegaChart spec={spec} label="training curves" /> : <Note>No epoch has finished yet.</Note>}
    </section>
  );
}
