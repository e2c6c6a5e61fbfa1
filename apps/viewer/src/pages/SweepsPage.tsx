import type { SweepListEntry } from "@mlp-lab/runs/server";
import { listSweeps } from "../api/sweeps-api.js";
import { useAsync } from "../api/use-async.js";
import { ErrorMessage, Loading, Note } from "../components/ErrorMessage.js";
import { formatMetric, trialProgress } from "../data/sweep-view.js";
import { routeHref } from "../routing/routes.js";
import "./sweep-page.css";

function SweepRow({ entry }: { entry: SweepListEntry }) {
  if (!entry.ok) {
    return (
      <tr className="corrupt" data-sweep-id={entry.id}>
        <td>
          <span className="run-id">{entry.id}</span>
        </td>
        <td colSpan={4} className="row-error">
          {entry.error.message}
        </td>
        <td>
          <span className="status status-corrupt">corrupt</span>
        </td>
      </tr>
    );
  }
  const { sweep } = entry;
  const { done, total } = trialProgress(sweep);
  const arrow = sweep.metric.goal === "maximize" ? "↑" : "↓";
  return (
    <tr data-sweep-id={sweep.id}>
      <td>
        <a href={routeHref({ page: "sweep", id: sweep.id })}>{sweep.name}</a>
        <div className="run-id">{sweep.id}</div>
      </td>
      <td>{sweep.method}</td>
      <td>
        {sweep.metric.name} {arrow}
      </td>
      <td className="numeric">
        {done}/{total}
      </td>
      <td className="numeric">
        {sweep.best ? (
          <>
            {formatMetric(sweep.metric.name, sweep.best.value)}{" "}
            <span className="run-id">trial {sweep.best.trial}</span>
          </>
        ) : (
          "-"
        )}
      </td>
      <td>
        <span className={`status status-${sweep.status}`}>{sweep.status}</span>
      </td>
    </tr>
  );
}

/** `#/sweeps`: every hyperparameter sweep of the runs folder (`mlp sweep`), newest first. */
export function SweepsPage() {
  const state = useAsync((signal) => listSweeps(signal), []);
  return (
    <article className="sweeps-page">
      <h1>Sweeps</h1>
      {state.status === "loading" && <Loading what="the sweeps" />}
      {state.status === "error" && <ErrorMessage title="Cannot list the sweeps" error={state.error} />}
      {state.status === "ok" &&
        (state.value.sweeps.length === 0 ? (
          <Note>
            No sweeps in this runs folder yet. Start one with <code>mlp sweep &lt;spec.yaml&gt;</code>.
          </Note>
        ) : (
          <section className="runs-table">
            <table aria-label="sweeps">
              <thead>
                <tr>
                  <th scope="col">Sweep</th>
                  <th scope="col">Method</th>
                  <th scope="col">Metric</th>
                  <th scope="col" className="numeric">
                    Trials done
                  </th>
                  <th scope="col" className="numeric">
                    Best
                  </th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {state.value.sweeps.map((entry) => (
                  <SweepRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </section>
        ))}
    </article>
  );
}
