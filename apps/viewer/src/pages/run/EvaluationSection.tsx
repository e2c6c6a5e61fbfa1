import { ARTIFACT_NAMES } from "@mlp-lab/runs/schema";
import { confusionSpec, perClassAccuracySpec } from "@mlp-lab/visualization";
import type { TopLevelSpec } from "vega-lite";
import { getArtifact } from "../../api/runs-api.js";
import { useAsync } from "../../api/use-async.js";
import { ErrorMessage, Loading, Note } from "../../components/ErrorMessage.js";
import { VegaChart } from "../../components/VegaChart.js";
import {
  type LabelledConfusion,
  confusionFromArtifact,
  confusionFromPredictions,
} from "../../data/confusion-from-artifact.js";
import { formatPercent } from "../../data/format.js";
import { type PerClassRow, perClassFromArtifact, perClassFromConfusion } from "../../data/per-class-rows.js";

interface Evaluation {
  confusion: LabelledConfusion | null;
  perClass: PerClassRow[] | null;
  // Specs are built once per load: a new object would make the charts redraw on every parent render.
  specs: { confusion: TopLevelSpec; perClassAccuracy: TopLevelSpec } | null;
}

function chartSpecs(confusion: LabelledConfusion): Evaluation["specs"] {
  const names = confusion.classNames ? { classNames: confusion.classNames } : {};
  return {
    confusion: confusionSpec(confusion.matrix, { ...names, cellSize: 34 }),
    perClassAccuracy: perClassAccuracySpec(confusion.matrix, names),
  };
}

async function loadEvaluation(id: string, signal: AbortSignal): Promise<Evaluation> {
  const [cmJson, perClassJson] = await Promise.all([
    getArtifact(id, ARTIFACT_NAMES.confusionMatrix, signal),
    getArtifact(id, ARTIFACT_NAMES.perClassMetrics, signal),
  ]);
  let confusion = cmJson === null ? null : confusionFromArtifact(cmJson);
  if (!confusion) {
    const predictions = await getArtifact(id, ARTIFACT_NAMES.valPredictions, signal);
    confusion = predictions === null ? null : confusionFromPredictions(predictions);
  }
  const perClass =
    perClassJson !== null
      ? perClassFromArtifact(perClassJson)
      : confusion
        ? perClassFromConfusion(confusion)
        : null;
  return { confusion, perClass, specs: confusion ? chartSpecs(confusion) : null };
}

function PerClassTable({ rows }: { rows: PerClassRow[] }) {
  return (
    <table className="per-class">
      <thead>
        <tr>
          <th scope="col">Class</th>
          <th scope="col" className="numeric">
            Precision
          </th>
          <th scope="col" className="numeric">
            Recall
          </th>
          <th scope="col" className="numeric">
            F1
          </th>
          <th scope="col" className="numeric">
            Support
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.label}>
            <th scope="row">{r.name}</th>
            <td className="numeric">{formatPercent(r.precision, 1)}</td>
            <td className="numeric">{formatPercent(r.recall, 1)}</td>
            <td className="numeric">{formatPercent(r.f1, 1)}</td>
            <td className="numeric">{r.support}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Confusion matrix and per-class metrics from the run's artifacts. */
export function EvaluationSection({ id }: { id: string }) {
  const state = useAsync((signal) => loadEvaluation(id, signal), [id]);
  return (
    <section className="evaluation">
      <h2>Evaluation</h2>
      {state.status === "loading" ? <Loading what="evaluation artifacts" /> : null}
      {state.status === "error" ? (
        <ErrorMessage title="Cannot show the evaluation" error={state.error} />
      ) : null}
      {state.status === "ok" && !state.value.confusion && !state.value.perClass ? (
        <Note>This run has no evaluation artifacts (confusion-matrix.json, val-predictions.json) yet.</Note>
      ) : null}
      {state.status === "ok" ? (
        <div className="evaluation-grid">
          {state.value.specs ? (
            <>
              <VegaChart label="confusion matrix" spec={state.value.specs.confusion} />
              <VegaChart label="per-class accuracy" spec={state.value.specs.perClassAccuracy} />
            </>
          ) : null}
          {state.value.perClass ? (
            <div>
              <h3>Per-class metrics</h3>
              <PerClassTable rows={state.value.perClass} />
            </div>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
