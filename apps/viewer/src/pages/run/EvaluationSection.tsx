import { ARTIFACT_NAMES } from "@mlp-lab/runs/schema";
import { perClassAccuracySpec, sampleGridSvg } from "@mlp-lab/visualization";
import { useMemo, useState } from "react";
import type { TopLevelSpec } from "vega-lite";
import { getArtifact } from "../../api/runs-api.js";
import { useAsync } from "../../api/use-async.js";
import { type ConfusionMode, confusionChartSpec } from "../../charts/confusion-chart-spec.js";
import { ErrorMessage, Loading, Note } from "../../components/ErrorMessage.js";
import { SvgFigure } from "../../components/SvgFigure.js";
import { VegaChart } from "../../components/VegaChart.js";
import { cellSamples } from "../../data/cell-samples.js";
import {
  type LabelledConfusion,
  confusionFromArtifact,
  confusionFromPredictions,
} from "../../data/confusion-from-artifact.js";
import { formatPercent } from "../../data/format.js";
import { type PerClassRow, perClassFromArtifact, perClassFromConfusion } from "../../data/per-class-rows.js";
import { SAMPLE_IMAGES_ARTIFACT } from "../../data/sample-images.js";
import { useHashParam } from "../../state/hash-params.js";

interface Evaluation {
  confusion: LabelledConfusion | null;
  perClass: PerClassRow[] | null;
  // Specs are built once per load: a new object would make the charts redraw on every parent render.
  specs: { perClassAccuracy: TopLevelSpec } | null;
}

function chartSpecs(confusion: LabelledConfusion): Evaluation["specs"] {
  const names = confusion.classNames ? { classNames: confusion.classNames } : {};
  return {
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

/** A clicked confusion-matrix cell: true and predicted class indices. */
interface Cell {
  t: number;
  p: number;
}

async function loadCell(id: string, cell: Cell, signal: AbortSignal) {
  const [predictions, images] = await Promise.all([
    getArtifact(id, ARTIFACT_NAMES.valPredictions, signal),
    getArtifact(id, SAMPLE_IMAGES_ARTIFACT, signal),
  ]);
  const samples = cellSamples(predictions, images, cell.t, cell.p);
  const svg =
    samples.images && samples.imageIndices.length > 0
      ? sampleGridSvg(samples.images.batch, {
          yTrue: samples.images.yTrue,
          yPred: samples.images.yPred,
          indices: samples.imageIndices.slice(0, 12),
          rows: Math.ceil(Math.min(12, samples.imageIndices.length) / 6),
          cols: Math.min(6, samples.imageIndices.length),
          ...(samples.images.classNames ? { classNames: samples.images.classNames } : {}),
        })
      : null;
  return { ...samples, svg };
}

function CellSamplesPanel({
  id,
  cell,
  name,
  onClose,
}: { id: string; cell: Cell; name: (c: number) => string; onClose: () => void }) {
  const state = useAsync((signal) => loadCell(id, cell, signal), [id, cell.t, cell.p]);
  const what =
    cell.t === cell.p
      ? `correctly classified ${name(cell.t)}`
      : `true ${name(cell.t)} predicted as ${name(cell.p)}`;
  return (
    <div className="cell-samples" data-cell={`${cell.t},${cell.p}`}>
      <h3>
        Samples: {what}{" "}
        <button type="button" className="secondary" onClick={onClose}>
          Close
        </button>
      </h3>
      {state.status === "loading" ? <Loading what="the samples" /> : null}
      {state.status === "error" ? (
        <ErrorMessage title="Cannot show these samples" error={state.error} />
      ) : null}
      {state.status === "ok" ? (
        <>
          {state.value.svg ? <SvgFigure svg={state.value.svg} label={`samples ${what}`} /> : null}
          {state.value.rows.length > 0 ? (
            <p className="note cell-sample-list">
              {state.value.rows.length} sample{state.value.rows.length > 1 ? "s" : ""} in
              val-predictions.json:{" "}
              {state.value.rows
                .slice(0, 50)
                .map(
                  (r) =>
                    `#${r.index}${r.confidence === null ? "" : ` (${(100 * r.confidence).toFixed(0)}%)`}`,
                )
                .join(", ")}
              {state.value.rows.length > 50 ? "…" : ""}
            </p>
          ) : (
            <Note>The run saved no predictions for this cell (val-predictions.json).</Note>
          )}
          {!state.value.svg ? (
            <Note>None of the images in sample-images.json falls in this cell.</Note>
          ) : null}
        </>
      ) : null}
    </div>
  );
}

function ConfusionView({ id, confusion }: { id: string; confusion: LabelledConfusion }) {
  const [modeText, setMode] = useHashParam("cm", "counts");
  const mode: ConfusionMode = modeText === "normalized" ? "normalized" : "counts";
  const [cell, setCell] = useState<Cell | null>(null);
  const spec = useMemo(() => confusionChartSpec(confusion, mode), [confusion, mode]);
  const name = (c: number) => confusion.classNames?.[c] ?? String(c);
  return (
    <div>
      <div className="confusion-controls" role="radiogroup" aria-label="confusion matrix values">
        <label>
          <input
            type="radio"
            name={`cm-${id}`}
            checked={mode === "counts"}
            onChange={() => setMode("counts")}
          />{" "}
          counts
        </label>
        <label>
          <input
            type="radio"
            name={`cm-${id}`}
            checked={mode === "normalized"}
            onChange={() => setMode("normalized")}
          />{" "}
          row-normalised
        </label>
        <span className="note">Click a cell to see its samples.</span>
      </div>
      <VegaChart
        label="confusion matrix"
        fileName={`${id}-confusion`}
        spec={spec}
        onDatumClick={(d) => {
          if (typeof d.t === "number" && typeof d.p === "number") setCell({ t: d.t, p: d.p });
        }}
      />
      {cell ? <CellSamplesPanel id={id} cell={cell} name={name} onClose={() => setCell(null)} /> : null}
    </div>
  );
}

/** Confusion matrix (counts or row-normalised, cells clickable) and per-class metrics from the artifacts. */
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
              {state.value.confusion ? <ConfusionView id={id} confusion={state.value.confusion} /> : null}
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
