import { type Module, layerSizes } from "@mlp-lab/models";
import { ARTIFACT_NAMES, ConfusionMatrixArtifactSchema } from "@mlp-lab/runs/schema";
import { useEffect, useState } from "react";
import { getArtifact } from "../api/runs-api.js";
import { useAsync } from "../api/use-async.js";
import { DrawingCanvas } from "../components/DrawingCanvas.js";
import { ErrorMessage, Loading, Note } from "../components/ErrorMessage.js";
import { InkPreview } from "../components/InkPreview.js";
import { ProbabilityBars } from "../components/ProbabilityBars.js";
import { inkFromRgba, preprocessDigit } from "../data/mnist-preprocess.js";
import { type InputNormalization, normalizationOf } from "../data/run-normalization.js";
import { buildModel, predictProbabilities } from "../model/predict-digit.js";
import { type RunCheckpoint, loadRunCheckpoint } from "../model/run-checkpoint.js";
import { type SelectedBackend, selectBackend } from "../tfjs/select-backend.js";
import { RunHeader } from "./run/RunHeader.js";
import { useRunDetail } from "./run/use-run-detail.js";

interface LoadedModel {
  checkpoint: RunCheckpoint;
  backend: SelectedBackend;
  /** From confusion-matrix.json when the trainer named the classes (Fashion-MNIST's "T-shirt/top"…). */
  classNames: string[] | undefined;
}

async function classNamesOf(id: string, signal: AbortSignal): Promise<string[] | undefined> {
  const json = await getArtifact(id, ARTIFACT_NAMES.confusionMatrix, signal);
  const parsed = ConfusionMatrixArtifactSchema.safeParse(json);
  return parsed.success ? parsed.data.classNames : undefined;
}

async function loadModel(id: string, signal: AbortSignal): Promise<LoadedModel> {
  const [backend, checkpoint, classNames] = await Promise.all([
    selectBackend(),
    loadRunCheckpoint(id, signal),
    classNamesOf(id, signal),
  ]);
  const inputs = layerSizes(checkpoint.modelConfig)[0];
  if (inputs !== 784) {
    throw new Error(`Try it draws 28x28 grayscale digits (784 inputs); this model takes ${inputs} inputs`);
  }
  return { checkpoint, backend, classNames };
}

function Playground({
  loaded,
  classNames,
  normalization,
}: {
  loaded: LoadedModel;
  classNames: string[] | undefined;
  normalization: InputNormalization;
}) {
  const [clearSignal, setClearSignal] = useState(0);
  const [result, setResult] = useState<{ ink: Float32Array; probabilities: number[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [model, setModel] = useState<Module | null>(null);
  // The model's variables live on the tfjs backend: build them here and free them when the page goes.
  useEffect(() => {
    const built = buildModel(loaded.checkpoint);
    setModel(built);
    return () => built.dispose();
  }, [loaded]);

  const onStroke = (rgba: Uint8ClampedArray, width: number, height: number) => {
    if (!model) return;
    try {
      const digit = preprocessDigit(inkFromRgba(rgba, width, height), normalization);
      if (!digit) return;
      setResult({ ink: digit.ink, probabilities: predictProbabilities(model, digit.input) });
      setError(null);
    } catch (e) {
      setError(e);
    }
  };
  const best = result ? result.probabilities.indexOf(Math.max(...result.probabilities)) : null;
  return (
    <div className="try-it">
      <div className="draw-column">
        <DrawingCanvas onStroke={onStroke} clearSignal={clearSignal} />
        <button
          type="button"
          onClick={() => {
            setClearSignal((n) => n + 1);
            setResult(null);
          }}
        >
          Clear
        </button>
        <p className="note">
          {loaded.checkpoint.which} checkpoint ·{" "}
          <span className="backend" data-backend={loaded.backend.name}>
            tfjs {loaded.backend.name} backend: {loaded.backend.detail}
          </span>{" "}
          · centred like MNIST, normalised with{" "}
          <span className="normalization">
            mean {normalization.mean} / std {normalization.std}
            {normalization.from === "run" ? " (from the run)" : ` (MNIST's: ${normalization.reason})`}
          </span>
        </p>
      </div>
      <div className="result-column">
        <h2>
          Prediction:{" "}
          <output className="prediction">{best === null ? "—" : (classNames?.[best] ?? best)}</output>
        </h2>
        <InkPreview ink={result?.ink ?? null} />
        {error ? <ErrorMessage title="Prediction failed" error={error} /> : null}
        {result ? (
          <ProbabilityBars probabilities={result.probabilities} {...(classNames ? { classNames } : {})} />
        ) : (
          <Note>Draw a digit in the black square.</Note>
        )}
      </div>
    </div>
  );
}

/** Draw a digit and watch the run's model classify it, in the browser with tfjs. */
export function TryItPage({ id }: { id: string }) {
  const detail = useRunDetail(id);
  const model = useAsync((signal) => loadModel(id, signal), [id]);
  if (detail.status === "loading") return <Loading what={`run ${id}`} />;
  if (detail.status === "error") return <ErrorMessage title={`Cannot open run ${id}`} error={detail.error} />;
  return (
    <article className="try-page">
      <RunHeader detail={detail.value} current="try" />
      {model.status === "loading" ? <Loading what="the model weights" /> : null}
      {model.status === "error" ? (
        <ErrorMessage title="Cannot load this run's model" error={model.error} />
      ) : null}
      {model.status === "ok" ? (
        <Playground
          loaded={model.value}
          classNames={model.value.classNames}
          normalization={normalizationOf(detail.value.run.config)}
        />
      ) : null}
    </article>
  );
}
