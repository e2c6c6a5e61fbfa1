import type { RunDetailResponse } from "@mlp-lab/runs/schema";
import { useRunEvents } from "../api/use-run-events.js";
import { ErrorMessage, Loading, Note } from "../components/ErrorMessage.js";
import { StatusBadge } from "../components/StatusBadge.js";
import { formatPercent } from "../data/format.js";
import { epochsDone, latestByPhase } from "../data/metrics-history.js";
import { CurvesSection } from "./run/CurvesSection.js";
import { RunHeader } from "./run/RunHeader.js";
import { useRunDetail } from "./run/use-run-detail.js";

/** A training run followed as it happens: curves grow with each epoch the trainer appends, status updates. */
export function LivePage({ id }: { id: string }) {
  const state = useRunDetail(id);
  if (state.status === "loading") return <Loading what={`run ${id}`} />;
  if (state.status === "error") return <ErrorMessage title={`Cannot open run ${id}`} error={state.error} />;
  return <LiveView initial={state.value} />;
}

// Subscribes only once the run is known to be readable: a corrupt run's stream would just fail.
function LiveView({ initial }: { initial: RunDetailResponse }) {
  const live = useRunEvents(initial.id, initial.run.status === "running");
  const detail = live.run ?? initial;
  const latest = latestByPhase(live.entries);
  const epochs = epochsDone(live.entries);
  return (
    <article className="live-page">
      <RunHeader detail={detail} current="live" />
      <p className="live-status" aria-live="polite">
        <StatusBadge status={detail.run.status} stale={detail.stale} />{" "}
        <span className="epochs">
          epoch {epochs} of {detail.run.config.epochs}
        </span>
        {latest.train ? ` · train loss ${latest.train.loss?.toFixed(4) ?? "—"}` : ""}
        {latest.val ? ` · val acc ${formatPercent(latest.val.accuracy)}` : ""}
        {live.disconnected ? " · reconnecting…" : ""}
      </p>
      {detail.run.status !== "running" ? (
        <Note>This run is {detail.run.status}; the curves below are final.</Note>
      ) : null}
      {live.runError ? <ErrorMessage title="The run changed on disk" error={live.runError} /> : null}
      {live.metricsError ? <ErrorMessage title="Cannot read the metrics" error={live.metricsError} /> : null}
      {live.skippedLines.length > 0 ? (
        <ErrorMessage title="Skipped bad metrics lines" error={live.skippedLines.join("; ")} />
      ) : null}
      <CurvesSection id={detail.id} label={detail.run.name} entries={live.entries} width={360} />
    </article>
  );
}
