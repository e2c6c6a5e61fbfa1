import type { MetricsEntry } from "@mlp-lab/runs/schema";
import { useMemo } from "react";
import { apiUrls } from "../../api/runs-api.js";
import { curvesChartSpec } from "../../charts/curves-chart-spec.js";
import { CurveControls, useCurveSettings } from "../../components/CurveControls.js";
import { Note } from "../../components/ErrorMessage.js";
import { VegaChart } from "../../components/VegaChart.js";
import { curvePoints } from "../../data/curve-points.js";
import { metricsHistory } from "../../data/metrics-history.js";

/**
 * Loss, accuracy and learning-rate curves of one run, with TensorBoard's smoothing, log scale and wall-time
 * axis (kept in the URL), tooltips, figure exports and the metrics as CSV or JSON.
 */
export function CurvesSection({
  id,
  label,
  entries,
  width = 260,
}: { id: string; label: string; entries: readonly MetricsEntry[]; width?: number }) {
  const [settings, update] = useCurveSettings();
  const epochs = useMemo(() => metricsHistory(label, entries).records.length, [label, entries]);
  const spec = useMemo(() => {
    const points = curvePoints([{ label, entries }], settings.smoothing);
    if (points.length === 0) return null;
    return curvesChartSpec(points, { runs: [label], ...settings, width, height: 220 });
  }, [label, entries, settings, width]);
  return (
    <section className="curves" data-points={epochs}>
      <h2>Training curves</h2>
      <div className="section-toolbar">
        <CurveControls settings={settings} onChange={update} />
        <span className="downloads">
          Metrics:{" "}
          <a href={apiUrls.metricsExport(id, "csv")} download={`${id}-metrics.csv`}>
            CSV
          </a>{" "}
          <a href={apiUrls.metricsExport(id, "json")} download={`${id}-metrics.json`}>
            JSON
          </a>
        </span>
      </div>
      {spec ? (
        <VegaChart spec={spec} label="training curves" fileName={`${id}-curves`} />
      ) : (
        <Note>No epoch has finished yet.</Note>
      )}
    </section>
  );
}
