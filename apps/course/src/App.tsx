import { parseExperimentConfig } from "@mlp-lab/experiments/browser";
import type { RunRecord } from "@mlp-lab/runs/schema";
import { curvesSpec } from "@mlp-lab/visualization";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { COURSE_SECTIONS, type CourseSection, findSection } from "./course/sections.js";
import { BrowserRunStore } from "./store/run-db.js";
import { createTar, readTar } from "./store/tar.js";
import { Chart, SvgFigure } from "./ui/Chart.js";
import { type RunFigures, runFigures } from "./ui/run-figures.js";
import { type TrainJob, useTrainer } from "./use-trainer.js";

/** How the page names each data set. */
const DATASET_TITLES: Record<string, string> = { mnist: "MNIST", "fashion-mnist": "Fashion-MNIST" };

function sectionFromHash(): CourseSection {
  const id = location.hash.replace(/^#\/section\//, "");
  return findSection(id) ?? COURSE_SECTIONS[0]!;
}

/**
 * The jobs of a section. `?quick=1` trains on the first 10,000 training and 2,000 validation images (like
 * `mlp course --quick`), for a fast first look or a slow machine.
 */
function jobsOf(section: CourseSection): TrainJob[] {
  const quick = new URLSearchParams(location.search).get("quick") === "1";
  return section.runs.map((r) => ({
    name: r.name,
    config: quick ? { ...r.config, data: { ...r.config.data, trainLimit: 10000, valLimit: 2000 } } : r.config,
    tags: [`section:${section.id}`, "browser", ...(quick ? ["quick"] : [])],
  }));
}

/** The job that continues `run` from its last checkpoint, or why it cannot (a run without an experiment config). */
function continueJob(run: RunRecord): TrainJob | string {
  try {
    return { name: run.name, config: parseExperimentConfig(run.config), tags: run.tags, resumeRunId: run.id };
  } catch (error) {
    return `Run ${run.id} cannot be continued here: ${(error as Error).message}`;
  }
}

function download(name: string, bytes: Uint8Array, type: string): void {
  const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The course page: pick a section, train it in a worker, watch the lines and curves, keep the runs. */
export function App() {
  const [section, setSection] = useState<CourseSection>(sectionFromHash);
  const [runs, setRuns] = useState<RunRecord[]>([]);
  const [shown, setShown] = useState<{ id: string; figures: RunFigures } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const resumeChecked = useRef(false);

  const showRun = useCallback(async (id: string) => {
    const store = await BrowserRunStore.open();
    try {
      setShown({ id, figures: runFigures(await store.files(id)) });
    } finally {
      store.close();
    }
  }, []);
  const { state, train, stop } = useTrainer((runId, status) => {
    if (status === "completed") void showRun(runId);
  });

  useEffect(() => {
    const onHash = () => setSection(sectionFromHash());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  // Reload the run list whenever the worker changed the store.
  useEffect(() => {
    let cancelled = false;
    void state.storeVersion;
    BrowserRunStore.open().then(async (store) => {
      const list = await store.list();
      store.close();
      if (!cancelled) setRuns(list);
    });
    return () => {
      cancelled = true;
    };
  }, [state.storeVersion]);

  // A run still `running` when the page loads was cut off by a reload or a closed tab: continue it from
  // its last epoch checkpoint.
  useEffect(() => {
    if (resumeChecked.current) return;
    resumeChecked.current = true;
    BrowserRunStore.open().then(async (store) => {
      const cut = (await store.list()).find((r) => r.status === "running");
      store.close();
      if (!cut) return;
      setMessage(
        `Continuing run ${cut.name} (${cut.id}) from its last checkpoint after the page was reloaded.`,
      );
      const tags = cut.tags;
      const sectionId = tags.find((t) => t.startsWith("section:"))?.slice("section:".length);
      const from = sectionId ? findSection(sectionId) : undefined;
      if (from) setSection(from);
      const job = continueJob(cut);
      if (typeof job === "string") setMessage(job);
      else train([job]);
    });
  }, [train]);

  const curves = useMemo(() => {
    if (state.epochs.length === 0) return null;
    const byRun = new Map<string, typeof state.epochs>();
    for (const e of state.epochs) byRun.set(e.run, [...(byRun.get(e.run) ?? []), e]);
    const histories = [...byRun].map(([label, records]) => ({ label, records }));
    return {
      loss: curvesSpec(histories, { metric: "loss", title: "Loss" }),
      accuracy: curvesSpec(histories, { metric: "accuracy", title: "Accuracy" }),
    };
  }, [state.epochs]);

  const busy = state.status !== "idle";
  const progress = state.batch && state.run ? (state.batch.step + 1) / state.batch.steps : 0;

  const onOpen = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    try {
      let contents: Map<string, Uint8Array>;
      if (files.length === 1 && files[0]!.name.endsWith(".tar")) {
        contents = readTar(new Uint8Array(await files[0]!.arrayBuffer())).files;
      } else {
        // A folder picked with webkitdirectory: paths are "<run id>/<path>".
        contents = new Map();
        for (const file of Array.from(files)) {
          const path = (file.webkitRelativePath || file.name).split("/").slice(1).join("/");
          contents.set(path, new Uint8Array(await file.arrayBuffer()));
        }
      }
      const store = await BrowserRunStore.open();
      const record = await store.importRun(contents);
      setRuns(await store.list());
      store.close();
      setMessage(`Opened run ${record.name} (${record.id}).`);
      await showRun(record.id);
    } catch (error) {
      setMessage(`Could not open that run: ${(error as Error).message}`);
    }
  };

  const onDownload = async (run: RunRecord) => {
    const store = await BrowserRunStore.open();
    const files = await store.files(run.id);
    store.close();
    download(`${run.id}.tar`, createTar(run.id, files), "application/x-tar");
  };

  const onDelete = async (run: RunRecord) => {
    const store = await BrowserRunStore.open();
    await store.delete(run.id);
    setRuns(await store.list());
    store.close();
    if (shown?.id === run.id) setShown(null);
  };

  return (
    <div className="app">
      <header>
        <h1>MLP on MNIST (and Fashion-MNIST), in your browser</h1>
        <p className="backend" data-testid="backend">
          {state.backend ? (
            <>
              Backend: <strong>{state.backend.name}</strong> ({state.backend.detail})
              {state.batch && (
                <>
                  {" "}
                  ·{" "}
                  <span data-testid="speed">
                    {Math.round(state.batch.samplesPerSecond).toLocaleString("en")} samples/s
                  </span>
                </>
              )}
            </>
          ) : (
            "Backend: chosen when training starts (WebGPU, else WebGL, else WebAssembly)"
          )}
        </p>
      </header>
      <nav aria-label="Course sections">
        {COURSE_SECTIONS.map((s) => (
          <a key={s.id} href={`#/section/${s.id}`} aria-current={s.id === section.id ? "page" : undefined}>
            {s.title}
          </a>
        ))}
      </nav>
      <main>
        <section aria-labelledby="section-title">
          <h2 id="section-title">{section.title}</h2>
          <p>{section.text}</p>
          <p className="course-figure">
            {section.reference ? `Reference (${section.reference})` : "Course"}: {section.courseFigure}
          </p>
          <div className="controls">
            <button type="button" disabled={busy} onClick={() => train(jobsOf(section))}>
              Train
            </button>
            <button type="button" disabled={!busy} onClick={stop}>
              Stop
            </button>
            <span data-testid="status">{state.status}</span>
          </div>
          {message && <output className="message">{message}</output>}
          {state.error && (
            <p className="error" role="alert">
              {state.error}
            </p>
          )}
          {state.data && !state.data.ready && (
            <label className="progress">
              Loading {DATASET_TITLES[state.data.dataset] ?? state.data.dataset}{" "}
              {state.data.from === "cache" ? "from the cache" : "over the network"}
              <progress max={state.data.total} value={state.data.received} />
            </label>
          )}
          {state.status === "training" && state.run && state.batch && (
            <label className="progress">
              Epoch {state.batch.epoch}: batch {state.batch.step + 1}/{state.batch.steps}, loss{" "}
              {state.batch.loss.toFixed(4)}
              <progress max={1} value={progress} />
            </label>
          )}
          <pre className="log" data-testid="log" aria-live="polite">
            {state.lines.join("\n")}
          </pre>
          {curves && (
            <div className="charts">
              <Chart spec={curves.loss} label="Loss per epoch" />
              <Chart spec={curves.accuracy} label="Accuracy per epoch" />
            </div>
          )}
          {shown && (
            <div className="figures" data-testid="figures">
              <h3>Figures of run {shown.id}</h3>
              {shown.figures.samples && <SvgFigure svg={shown.figures.samples} label="Sample predictions" />}
              {shown.figures.errors && <SvgFigure svg={shown.figures.errors} label="Misclassified images" />}
              {shown.figures.weights && <SvgFigure svg={shown.figures.weights} label="First-layer weights" />}
              {shown.figures.confusion && <Chart spec={shown.figures.confusion} label="Confusion matrix" />}
            </div>
          )}
        </section>
        <section aria-labelledby="runs-title" className="runs">
          <h2 id="runs-title">Your runs (kept in this browser)</h2>
          <label className="open">
            Open a run (.tar from this page or `mlp`):{" "}
            <input
              type="file"
              accept=".tar,application/x-tar"
              onChange={(e) => void onOpen(e.target.files)}
            />
          </label>
          <table>
            <thead>
              <tr>
                <th>Run</th>
                <th>Status</th>
                <th>Epochs</th>
                <th>Best val acc</th>
                <th>Backend</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {runs.map((run) => (
                <tr key={run.id} data-run-id={run.id}>
                  <td>
                    <button type="button" className="link" onClick={() => void showRun(run.id)}>
                      {run.name}
                    </button>
                    <br />
                    <small>{run.id}</small>
                  </td>
                  <td data-testid="run-status">{run.status}</td>
                  <td>
                    {run.summary.lastEpoch === null ? 0 : run.summary.lastEpoch + 1}/{run.config.epochs}
                  </td>
                  <td data-testid="run-best">
                    {run.summary.bestValAccuracy === null
                      ? "–"
                      : `${(100 * run.summary.bestValAccuracy).toFixed(2)}%`}
                  </td>
                  <td>{run.backend?.name ?? "–"}</td>
                  <td>
                    <button type="button" disabled={busy} onClick={() => void onDownload(run)}>
                      Download
                    </button>
                    {(run.status === "interrupted" || run.status === "failed") && (
                      <button
                        type="button"
                        disabled={busy}
                        onClick={() => {
                          const job = continueJob(run);
                          if (typeof job === "string") setMessage(job);
                          else train([job]);
                        }}
                      >
                        Continue
                      </button>
                    )}
                    <button type="button" disabled={busy} onClick={() => void onDelete(run)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </main>
    </div>
  );
}
