import { ARTIFACT_NAMES, PredictionsArtifactSchema } from "@mlp-lab/runs/schema";
import { misclassifiedGridSvg, sampleGridSvg } from "@mlp-lab/visualization";
import { getArtifact } from "../../api/runs-api.js";
import { useAsync } from "../../api/use-async.js";
import { ErrorMessage, Loading, Note } from "../../components/ErrorMessage.js";
import { SvgFigure } from "../../components/SvgFigure.js";
import { SAMPLE_IMAGES_ARTIFACT, sampleBatch } from "../../data/sample-images.js";

interface Samples {
  samplesSvg: string | null;
  misclassifiedSvg: string | null;
  /** Without images: the first predictions and the first errors from val-predictions.json. */
  table:
    | { index: number; label: string; prediction: string; wrong: boolean; confidence: number | null }[]
    | null;
  errors: number;
  total: number;
}

async function loadSamples(id: string, signal: AbortSignal): Promise<Samples | null> {
  const images = await getArtifact(id, SAMPLE_IMAGES_ARTIFACT, signal);
  if (images !== null) {
    const s = sampleBatch(images);
    const names = s.classNames ? { classNames: s.classNames } : {};
    const errors = s.yTrue.filter((y, i) => y !== s.yPred[i]).length;
    return {
      samplesSvg: sampleGridSvg(s.batch, {
        yTrue: s.yTrue,
        yPred: s.yPred,
        rows: 2,
        cols: 6,
        ...names,
        suptitle: "Sample predictions",
      }),
      misclassifiedSvg:
        errors > 0
          ? misclassifiedGridSvg(s.batch, {
              yTrue: s.yTrue,
              yPred: s.yPred,
              rows: 2,
              cols: 6,
              ...names,
              // The saved samples are chosen for their errors: the default "Error rate" title computed
              // over them would overstate the run's error rate (86% shown for a 49% run).
              suptitle: "Misclassified samples",
            })
          : null,
      table: null,
      errors,
      total: s.yTrue.length,
    };
  }
  const json = await getArtifact(id, ARTIFACT_NAMES.valPredictions, signal);
  if (json === null) return null;
  const parsed = PredictionsArtifactSchema.safeParse(json);
  if (!parsed.success)
    throw new Error(`artifact val-predictions.json is malformed: ${parsed.error.issues[0]?.message}`);
  const p = parsed.data;
  const name = (c: number) => p.classNames?.[c] ?? String(c);
  const rows = p.labels.map((label, i) => ({
    index: p.indices?.[i] ?? i,
    label: name(label),
    prediction: name(p.predictions[i]!),
    wrong: label !== p.predictions[i],
    confidence: p.probabilities?.[i]?.[p.predictions[i]!] ?? null,
  }));
  const wrong = rows.filter((r) => r.wrong);
  return {
    samplesSvg: null,
    misclassifiedSvg: null,
    table: [
      ...rows.slice(0, 10),
      ...rows
        .slice(10)
        .filter((r) => r.wrong)
        .slice(0, 10),
    ],
    errors: wrong.length,
    total: rows.length,
  };
}

/** Sample predictions and the misclassified gallery. */
export function SamplesSection({ id }: { id: string }) {
  const state = useAsync((signal) => loadSamples(id, signal), [id]);
  return (
    <section className="samples">
      <h2>Sample predictions</h2>
      {state.status === "loading" ? <Loading what="sample predictions" /> : null}
      {state.status === "error" ? <ErrorMessage title="Cannot show the samples" error={state.error} /> : null}
      {state.status === "ok" && state.value === null ? (
        <Note>This run saved no predictions (sample-images.json or val-predictions.json).</Note>
      ) : null}
      {state.status === "ok" && state.value ? (
        <>
          {state.value.samplesSvg ? (
            <SvgFigure svg={state.value.samplesSvg} label="sample predictions" />
          ) : null}
          <h3>
            {state.value.table
              ? `Predictions: ${state.value.errors} of ${state.value.total} validation samples misclassified`
              : `Misclassified: ${state.value.errors} of the ${state.value.total} saved samples`}
          </h3>
          {state.value.table ? (
            <Note>
              The first 10 predictions, then the next misclassified ones (highlighted). The run saved no
              sample-images.json, so there are no images to show.
            </Note>
          ) : null}
          {state.value.misclassifiedSvg ? (
            <SvgFigure svg={state.value.misclassifiedSvg} label="misclassified samples" />
          ) : state.value.table === null ? (
            <Note>No misclassified sample among the saved ones.</Note>
          ) : null}
          {state.value.table ? (
            <table className="predictions">
              <thead>
                <tr>
                  <th scope="col">Sample</th>
                  <th scope="col">True</th>
                  <th scope="col">Predicted</th>
                  <th scope="col">Confidence</th>
                </tr>
              </thead>
              <tbody>
                {state.value.table.map((r, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a sample can appear in both halves.
                  <tr key={i} className={r.wrong ? "wrong" : undefined}>
                    <td>#{r.index}</td>
                    <td>{r.label}</td>
                    <td>{r.prediction}</td>
                    <td>{r.confidence === null ? "—" : `${(100 * r.confidence).toFixed(1)}%`}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
