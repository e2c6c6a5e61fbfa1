import type { MetricsEntry, RunDetailResponse } from "@mlp-lab/runs/schema";
import { curvesSpec } from "@mlp-lab/visualization";
import { useMemo, useState } from "react";
import { getMetrics, getRun } from "../api/runs-api.js";
import { useAsync } from "../api/use-async.js";
import { ErrorMessage, Loading, Note } from "../components/ErrorMessage.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { VegaChart } from "../components/VegaChart.js";
import { paramRows } from "../data/differing-params.js";
import { formatDuration, formatPercent } from "../data/format.js";
import { metricsHistory } from "../data/metrics-history.js";
import { routeHref } from "../routing/routes.js";

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
  const spec = useMemo(() => {
    const histories = runs.map((r) => metricsHistory(r.label, r.entries)).filter((h) => h.records.length > 0);
    return histories.length > 0 ? curvesSpec(histories, { metric: "both", width: 380, height: 260 }) : null;
  }, [runs]);
  const rows = useMemo(() => paramRows(runs.map((r) => r.detail.run.config)), [runs]);
  const shown = showAll ? rows : rows.filter((r) => r.differs);
  return (
    <>
      <section className="curves" data-runs={runs.length}>
        <h2>Overlaid curves</h2>
        {spec ? (
          <VegaChart spec={spec} label="overlaid training curves" />
        ) : (
          <Note>None of these runs has metrics yet.</Note>
        )}
      </section>
      <section>
        <h2>Hyperparameters {showAll ? "" : "that differ"}</h2>
        <label className="toggle">
          <input type="checkbox" checked={showAll} onChange={(e) => setShowAll(e.target.checked)} /> show all
        </label>
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
