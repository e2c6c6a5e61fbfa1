import type { SweepDetail } from "@mlp-lab/runs/server";
import { useCallback, useMemo, useState } from "react";
import { getSweep } from "../api/sweeps-api.js";
import { useAsync } from "../api/use-async.js";
import { hideBrushMarks } from "../charts/hide-brush-marks.js";
import { AXIS_BRUSH, sweepHistorySpec, sweepParallelSpec } from "../charts/sweep-charts-spec.js";
import { ErrorMessage, Loading, Note } from "../components/ErrorMessage.js";
import { VegaChart } from "../components/VegaChart.js";
import {
  type AxisBrush,
  formatMetric,
  formatParam,
  trialProgress,
  trialStatus,
  trialsInBrush,
} from "../data/sweep-view.js";
import { routeHref } from "../routing/routes.js";
import "./sweep-page.css";

function TrialsTable({ sweep, shown }: { sweep: SweepDetail; shown: Set<number> | null }) {
  const params = sweep.parameters.map((p) => p.name);
  const trials = shown ? sweep.trials.filter((t) => shown.has(t.number)) : sweep.trials;
  return (
    <table className="sweep-table" aria-label="trials">
      <thead>
        <tr>
          <th scope="col" className="numeric">
            Trial
          </th>
          {params.map((p) => (
            <th scope="col" key={p}>
              {p}
            </th>
          ))}
          <th scope="col" className="numeric">
            {sweep.metric.name}
          </th>
          <th scope="col" className="numeric">
            Epochs
          </th>
          <th scope="col">Status</th>
          <th scope="col">Run</th>
        </tr>
      </thead>
      <tbody>
        {trials.map((t) => {
          const best = sweep.best?.trial === t.number;
          return (
            <tr key={t.number} data-trial={t.number} className={best ? "best" : undefined}>
              <td className="numeric">
                {t.number}
                {best ? <span title="best trial so far"> ★</span> : null}
              </td>
              {params.map((p) => (
                <td key={p}>{formatParam(t.params[p])}</td>
              ))}
              <td className="numeric">{formatMetric(sweep.metric.name, t.value)}</td>
              <td className="numeric">{t.epochs}</td>
              <td>
                <span className={`status status-${t.state}`} title={t.error ?? undefined}>
                  {trialStatus(t)}
                </span>
              </td>
              <td>
                {t.runId ? (
                  <a className="run-id" href={routeHref({ page: "run", id: t.runId })}>
                    {t.runId}
                  </a>
                ) : (
                  "-"
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SweepView({ sweep }: { sweep: SweepDetail }) {
  const parallel = useMemo(() => sweepParallelSpec(sweep), [sweep]);
  const history = useMemo(() => sweepHistorySpec(sweep), [sweep]);
  const [brush, setBrush] = useState<AxisBrush | null>(null);
  const onSignals = useMemo(
    () => ({ [AXIS_BRUSH]: (value: unknown) => setBrush((value ?? null) as AxisBrush | null) }),
    [],
  );
  const shown = useMemo(() => trialsInBrush(parallel.positions, brush), [parallel, brush]);
  const { done, total } = trialProgress(sweep);
  // Re-drawing the chart is how its brush goes away; the table follows through the signal.
  const [chartKey, setChartKey] = useState(0);
  const clear = useCallback(() => {
    setBrush(null);
    setChartKey((k) => k + 1);
  }, []);
  const drawn = parallel.positions.length > 0;
  return (
    <>
      <dl className="sweep-summary">
        <div>
          <dt>Status</dt>
          <dd>
            <span className={`status status-${sweep.status}`}>{sweep.status}</span>
          </dd>
        </div>
        <div>
          <dt>Method</dt>
          <dd>{sweep.method}</dd>
        </div>
        <div>
          <dt>Metric</dt>
          <dd>
            {sweep.metric.name} ({sweep.metric.goal})
          </dd>
        </div>
        <div>
          <dt>Trials done</dt>
          <dd>
            {done}/{total}
          </dd>
        </div>
        <div>
          <dt>Best</dt>
          <dd>
            {sweep.best
              ? `${formatMetric(sweep.metric.name, sweep.best.value)} (trial ${sweep.best.trial})`
              : "no result yet"}
          </dd>
        </div>
      </dl>
      {sweep.error ? <ErrorMessage title="The sweep stopped with an error" error={sweep.error} /> : null}
      {drawn ? (
        <section className="sweep-charts">
          <h2 className="visually-hidden">Figures</h2>
          <VegaChart
            key={chartKey}
            spec={parallel.spec}
            label="parallel coordinates"
            fileName={`${sweep.name}-parallel-coordinates`}
            onSignals={onSignals}
            patch={hideBrushMarks}
          />
          <VegaChart spec={history} label="best so far" fileName={`${sweep.name}-best-so-far`} />
        </section>
      ) : (
        <Note>No trial has started yet: the figures appear with the first result.</Note>
      )}
      <section>
        <h2>Trials</h2>
        <div className="section-toolbar">
          <span className="count" aria-live="polite">
            {shown
              ? `${shown.size} of ${sweep.trials.length} trials in the brushed range (drag on the parallel coordinates; double-click there to clear)`
              : `${sweep.trials.length} trials${drawn ? " (drag across axes of the parallel coordinates to filter)" : ""}`}
          </span>
          {shown ? (
            <button type="button" className="secondary" onClick={clear}>
              Show all trials
            </button>
          ) : null}
        </div>
        <TrialsTable sweep={sweep} shown={shown} />
      </section>
    </>
  );
}

/** `#/sweeps/<id>`: a sweep's trials table, parallel coordinates (brushing filters the table) and best so far. */
export function SweepPage({ id }: { id: string }) {
  const state = useAsync((signal) => getSweep(id, signal), [id]);
  return (
    <article className="sweep-page">
      <p>
        <a href={routeHref({ page: "sweeps" })}>← All sweeps</a>
      </p>
      <h1>{state.status === "ok" ? `Sweep ${state.value.name}` : "Sweep"}</h1>
      <p className="run-id">{id}</p>
      {state.status === "loading" && <Loading what="the sweep" />}
      {state.status === "error" && <ErrorMessage title={`Cannot load sweep ${id}`} error={state.error} />}
      {state.status === "ok" && <SweepView sweep={state.value} />}
    </article>
  );
}
