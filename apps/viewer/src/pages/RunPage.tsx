import type { RunDetailResponse } from "@mlp-lab/runs/schema";
import { Suspense, lazy } from "react";
import { useRunEvents } from "../api/use-run-events.js";
import { ErrorMessage, Loading } from "../components/ErrorMessage.js";
import { epochsDone } from "../data/metrics-history.js";
import { CurvesSection } from "./run/CurvesSection.js";
import { EvaluationSection } from "./run/EvaluationSection.js";
import { FilesSection } from "./run/FilesSection.js";
import { RunHeader } from "./run/RunHeader.js";
import { SamplesSection } from "./run/SamplesSection.js";
import { SummarySection } from "./run/SummarySection.js";
import { useRunDetail } from "./run/use-run-detail.js";

// Weight maps decode the checkpoint with @mlp-lab/models, which brings tfjs: loaded after the rest.
const WeightsSection = lazy(() =>
  import("./run/WeightsSection.js").then((m) => ({ default: m.WeightsSection })),
);

/** Everything about one run: summary and config, curves (live while it trains), evaluation, samples, weights. */
export function RunPage({ id }: { id: string }) {
  const state = useRunDetail(id);
  if (state.status === "loading") return <Loading what={`run ${id}`} />;
  if (state.status === "error") return <ErrorMessage title={`Cannot open run ${id}`} error={state.error} />;
  return <RunView initial={state.value} />;
}

// Subscribes only once the run is known to be readable: a corrupt run's stream would just fail.
function RunView({ initial }: { initial: RunDetailResponse }) {
  const id = initial.id;
  const live = useRunEvents(id, initial.run.status === "running");
  // The event stream's record is newer (status, summary) once it has arrived.
  const detail = live.run ?? initial;
  return (
    <article className="run-page">
      <RunHeader detail={detail} current="run" />
      {live.runError ? <ErrorMessage title="The run changed on disk" error={live.runError} /> : null}
      {live.metricsError ? <ErrorMessage title="Cannot read the metrics" error={live.metricsError} /> : null}
      {live.skippedLines.length > 0 ? (
        <ErrorMessage title="Skipped bad metrics lines" error={live.skippedLines.join("; ")} />
      ) : null}
      <div className="run-columns">
        <SummarySection detail={detail} epochsDone={epochsDone(live.entries)} />
        <CurvesSection id={id} label={detail.run.name} entries={live.entries} width={230} />
      </div>
      <EvaluationSection id={id} />
      <SamplesSection id={id} />
      <Suspense fallback={<Loading what="the weight maps" />}>
        <WeightsSection id={id} />
      </Suspense>
      <FilesSection id={id} />
    </article>
  );
}
