import type { RunDetailResponse } from "@mlp-lab/runs/schema";
import { ConfigTable } from "../../components/ConfigTable.js";
import { flattenConfig } from "../../data/differing-params.js";
import { formatDuration, formatPercent } from "../../data/format.js";
import { describeBackend } from "../../data/run-row.js";

/** Headline numbers, where it ran, and the full config. */
export function SummarySection({ detail, epochsDone }: { detail: RunDetailResponse; epochsDone: number }) {
  const { run } = detail;
  const config = [...flattenConfig(run.config)];
  const facts: [string, string][] = [
    ["Best val accuracy", formatPercent(run.summary.bestValAccuracy)],
    ["Best epoch", run.summary.bestEpoch === null ? "—" : String(run.summary.bestEpoch)],
    // Counted from the metrics: trainers number epochs from 0 (the course) or from 1.
    ["Epochs", `${epochsDone} / ${run.config.epochs}`],
    ["Duration", formatDuration(run.summary.durationSeconds)],
    ["Parameters", run.summary.parameters === null ? "—" : run.summary.parameters.toLocaleString("en")],
    ["Backend", describeBackend(run.backend) || "—"],
    [
      "Dataset",
      run.dataset
        ? `${run.dataset.name} (${run.dataset.trainCount} train, ${run.dataset.valCount} val)`
        : run.config.dataset,
    ],
    ["Started", new Date(run.startedAt).toLocaleString("en")],
    ["Host", `${run.host.hostname} (${run.host.platform} ${run.host.arch})`],
  ];
  return (
    <section className="summary">
      <h2>Summary</h2>
      {run.status === "failed" && run.error ? (
        <div className="error-message" role="alert">
          <strong>The run failed</strong>
          <p>{run.error.message}</p>
        </div>
      ) : null}
      <dl className="facts">
        {facts.map(([k, v]) => (
          <div key={k}>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </div>
        ))}
      </dl>
      <details open={config.length <= 20}>
        <summary>Config ({config.length} settings)</summary>
        <ConfigTable config={run.config} />
      </details>
    </section>
  );
}
