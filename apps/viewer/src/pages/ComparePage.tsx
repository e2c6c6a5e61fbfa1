import type { MetricsEntry, RunDetailResponse } from "@mlp-lab/runs/schema";
import { useMemo, useState } from "react";
import { getMetrics, getRun } from "../api/runs-api.js";
import { useAsync } from "../api/use-async.js";
import { curvesChartSpec } from "../charts/curves-chart-spec.js";
import { CurveControls, useCurveSettings } from "../components/CurveControls.js";
import { ErrorMessage, Loading, Note } from "../components/ErrorMessage.js";
import { RunLegend } from "../components/RunLegend.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { VegaChart } from "../components/VegaChart.js";
import { saveText } from "../components/save-file.js";
import { curvePoints } from "../data/curve-points.js";
import { paramRows } from "../data/differing-params.js";
import { formatDuration, formatPercent } from "../data/format.js";
import { tableCsv } from "../data/table-csv.js";
import { routeHref } from "../routing/routes.js";
import { useHashParam } from "../state/hash-params.js";

interface ComparedRun {
  detail: RunDetailResponse;
  entries: MetricsEntry[];
  /** Legend label: the name, or the id when two runs share a name. */
  label: string;
}

async function loadRuns(ids: readonly string[], signal: AbortSignal): Promise<ComparedRun[]> {
  const runs = await Promise.all(
    ids.map(async (id) => {
      const [detail, metrics] = await Promise.all([getRun(id, signal), getMetrics(id, signal)]);
      return { detail, entries: metrics.entries };
    }),
  );
  const names = runs.map((r) => r.detail.run.name);
  return runs.map((r) => ({
    ...r,
    label: names.filter((n) => n === r.detail.run.name).length > 1 ? r.detail.id : r.detail.run.name,
  }));
}

function CompareView({ runs }: { runs: ComparedRun[] }) {
  const [showAll, setShowAll] = useState(false);
  const [settings, update] = useCurveSettings();
  const [hiddenText, setHiddenText] = useHashParam("hide", "");
  const hidden = useMemo(() => new Set(hiddenText.split(",").filter(Boolean)), [hiddenText]);
  const labels = useMemo(() => runs.map((r) => r.label), [runs]);
  const spec = useMemo(() => {
    const shownRuns = runs.filter((r) => !hidden.has(r.label));
    const points = curvePoints(
      shownRuns.map((r) => ({ label: r.label, entries: r.entries })),
      settings.smoothing,
    );
    if (points.length === 0) return null;
    return curvesChartSpec(points, { runs: labels, ...settings, width: 300, height: 240 });
  }, [runs, labels, hidden, settings]);
  const rows = useMemo(() => paramRows(runs.map((r) => r.detail.run.config)), [runs]);
  const shown = showAll ? rows : rows.filter((r) => r.differs);
  const toggleRun = (label: string) => {
    const next = new Set(hidden);
    if (!next.delete(label)) next.add(label);
    setHiddenText([...next].join(","));
  };
  const downloadTable = () => {
    const results = [
      ["status", ...runs.map((r) => r.detail.run.status)],
      ["best val accuracy", ...runs.map((r) => String(r.detail.run.summary.bestValAccuracy ?? ""))],
      ["duration seconds", ...runs.map((r) => String(r.detail.run.summary.durationSeconds ?? ""))],
    ];
    // Values as the config holds them, without the JSON quotes the table shows around strings.
    const params = shown.map((row) => [row.path, ...row.values.map((v) => v.replace(/^"(.*)"$/, "$1"))]);
    saveText(
      tableCsv(["setting", ...runs.map((r) => r.detail.id)], [...results, ...params]),
      "compare.csv",
      "text/csv",
    );
  };
  return (
    <>
      <section className="curves" data-runs={runs.length}>
        <h2>Overlaid curves</h2>
        <div className="section-toolbar">
          <CurveControls settings={settings} onChange={update} />
        </div>
        <RunLegend runs={labels} hidden={hidden} onToggle={toggleRun} />
        {spec ? (
          <VegaChart spec={spec} label="overlaid training curves" fileName="compare-curves" />
        ) : (
          <Note>
            {hidden.size > 0
              ? "Every run is hidden: press one in the legend."
              : "None of these runs has metrics yet."}
          </Note>
        )}
      </section>
      <section>
        <h2>Hyperparameters {showAll ? "" : "that differ"}</h2>
        <div className="section-toolbar">
          <label className="toggle">
            <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> show
            all
          </label>
          <button type="button" className="secondary" onClick={downloadTable}>
            Download CSV
          </button>
        </div>
        <table className="compare-table">
          <thead>
            <tr>
              <th scope="col">Setting</th>
              {runs.map((r) => (
                <th scope="col" key={r.detail.id}>
                  <a href={routeHref({ page: "run", id: r.detail.id })}>{r.label}</a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr className="result">
              <th scope="row">status</th>
              {runs.map((r) => (
                <td key={r.detail.id}>
                  <StatusBadge status={r.detail.run.status} stale={r.detail.stale} />
                </td>
              ))}
            </tr>
            <tr className="result">
              <th scope="row">best val accuracy</th>
              {runs.map((r) => (
                <td key={r.detail.id}>{formatPercent(r.detail.run.summary.bestValAccuracy)}</td>
              ))}
            </tr>
            <tr className="result">
              <th scope="row">duration</th>
              {runs.map((r) => (
                <td key={r.detail.id}>{formatDuration(r.detail.run.summary.durationSeconds)}</td>
              ))}
            </tr>
            {shown.map((row) => (
              <tr key={row.path} className={row.differs ? "differs" : undefined}>
                <th scope="row">{row.path}</th>
                {row.values.map((v, i) => (
                  <td key={runs[i]!.detail.id}>{v}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? <Note>These runs share every hyperparameter.</Note> : null}
      </section>
    </>
  );
}

/** Several runs side by side: their curves on one chart and the settings that tell them apart. */
export function ComparePage({ ids }: { ids: string[] }) {
  const key = ids.join(",");
  const state = useAsync((signal) => loadRuns(ids, signal), [key]);
  return (
    <article className="compare-page">
      <h1>Compare {ids.length} runs</h1>
      {ids.length < 2 ? <Note>Pick at least two runs in the runs table to compare them.</Note> : null}
      {state.status === "loading" ? <Loading what="the runs" /> : null}
      {state.status === "error" ? (
        <ErrorMessage title="Cannot compare these runs" error={state.error} />
      ) : null}
      {state.status === "ok" && state.value.length > 0 ? <CompareView runs={state.value} /> : null}
    </article>
  );
}
