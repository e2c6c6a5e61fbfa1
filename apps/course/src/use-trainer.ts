import type { ExperimentConfig } from "@mlp-lab/experiments/browser";
import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkerEvent, WorkerRequest } from "./worker/events.js";

/** One epoch as the live curves draw it. */
export interface LiveEpoch {
  run: string;
  epoch: number;
  phase: "train" | "val";
  loss: number;
  accuracy: number;
}

/** What the page knows of the worker's progress. */
export interface TrainerState {
  status: "idle" | "loading" | "training" | "stopping";
  backend?: { name: string; detail: string };
  data?: { dataset: string; received: number; total: number; from: "network" | "cache"; ready: boolean };
  run?: { id: string; name: string; epochs: number; startEpoch: number; parameters: number };
  batch?: { epoch: number; step: number; steps: number; loss: number; samplesPerSecond: number };
  lines: string[];
  epochs: LiveEpoch[];
  error?: string;
  /** Bumped whenever the run store changed (a checkpoint, a finished run), so lists reload. */
  storeVersion: number;
}

/** One training job for the worker. */
export interface TrainJob {
  name: string;
  config: ExperimentConfig;
  tags: string[];
  resumeRunId?: string;
}

/** Options read from the page URL: `?backend=wasm&data=<folder URL>`. */
export function pageOptions(search = location.search): { backend: string; dataUrl: string } {
  const params = new URLSearchParams(search);
  // Absolute: the worker resolves relative URLs against its own script (assets/…), not the page.
  const dataUrl = new URL(params.get("data") ?? "data/", location.href).href;
  return { backend: params.get("backend") ?? "auto", dataUrl };
}

/**
 * The training worker as React state: `train` queues jobs (run one after the other), `stop` interrupts
 * the current one (it stays resumable), and every event the worker posts updates the state.
 */
export function useTrainer(onFinished?: (runId: string, status: string) => void) {
  const [state, setState] = useState<TrainerState>({
    status: "idle",
    lines: [],
    epochs: [],
    storeVersion: 0,
  });
  const worker = useRef<Worker | null>(null);
  const queue = useRef<TrainJob[]>([]);
  const finished = useRef(onFinished);
  finished.current = onFinished;

  const start = useCallback((job: TrainJob) => {
    const w = worker.current;
    if (!w) return;
    const { backend, dataUrl } = pageOptions();
    setState((s) => ({
      ...s,
      status: "loading",
      error: undefined,
      lines: s.lines,
      run: undefined,
      batch: undefined,
    }));
    const request: WorkerRequest = { type: "train", ...job, backend, dataUrl };
    w.postMessage(request);
  }, []);

  useEffect(() => {
    const w = new Worker(new URL("./worker/train-worker.ts", import.meta.url), { type: "module" });
    worker.current = w;
    w.onmessage = (message: MessageEvent<WorkerEvent>) => {
      const event = message.data;
      setState((s) => reduce(s, event));
      if (event.type === "finished" || event.type === "error") {
        if (event.type === "finished") finished.current?.(event.runId, event.status);
        const next =
          event.type === "finished" && event.status === "completed" ? queue.current.shift() : undefined;
        if (event.type !== "finished" || event.status !== "completed") queue.current = [];
        if (next) start(next);
      }
    };
    w.onerror = (e) =>
      setState((s) => ({ ...s, status: "idle", error: e.message || "the training worker failed to start" }));
    return () => {
      w.terminate();
      worker.current = null;
    };
  }, [start]);

  const train = useCallback(
    (jobs: TrainJob[]) => {
      const [first, ...rest] = jobs;
      if (!first) return;
      queue.current = rest;
      setState((s) => ({ ...s, lines: [], epochs: [] }));
      start(first);
    },
    [start],
  );

  const stop = useCallback(() => {
    queue.current = [];
    worker.current?.postMessage({ type: "stop" } satisfies WorkerRequest);
    setState((s) => ({ ...s, status: s.status === "idle" ? "idle" : "stopping" }));
  }, []);

  return { state, train, stop };
}

function reduce(s: TrainerState, e: WorkerEvent): TrainerState {
  switch (e.type) {
    case "backend":
      return { ...s, backend: { name: e.name, detail: e.detail } };
    case "data-progress":
      return {
        ...s,
        data: { dataset: e.dataset, received: e.received, total: e.total, from: e.from, ready: false },
      };
    case "data-ready":
      return {
        ...s,
        data: { ...(s.data ?? { dataset: "", received: 0, total: 0, from: "cache" }), ready: true },
        lines: [
          ...s.lines,
          `data: ${e.train} training and ${e.val} validation images (${e.seconds.toFixed(1)} s)`,
        ],
      };
    case "run-started":
      return {
        ...s,
        status: "training",
        run: {
          id: e.runId,
          name: e.name,
          epochs: e.epochs,
          startEpoch: e.startEpoch,
          parameters: e.parameters,
        },
        lines: [
          ...s.lines,
          `run ${e.runId}: ${e.parameters} parameters, ${e.startEpoch > 0 ? `continuing after epoch ${e.startEpoch - 1}, ` : ""}${e.epochs} epoch${e.epochs === 1 ? "" : "s"}`,
        ],
      };
    case "line":
      return { ...s, lines: [...s.lines, e.text] };
    case "batch":
      return { ...s, batch: e };
    case "epoch": {
      const run = s.run?.name ?? "run";
      const rows: LiveEpoch[] = [{ run, epoch: e.epoch, phase: "train", ...e.train }];
      if (e.val) rows.push({ run, epoch: e.epoch, phase: "val", ...e.val });
      return { ...s, epochs: [...s.epochs, ...rows], storeVersion: s.storeVersion + 1 };
    }
    case "checkpoint":
      return s;
    case "finished":
      return {
        ...s,
        status: "idle",
        storeVersion: s.storeVersion + 1,
        lines: [
          ...s.lines,
          `run ${e.runId} ${e.status}${e.bestValAccuracy !== null ? `, best val Acc ${(100 * e.bestValAccuracy).toFixed(2)}%` : ""}${e.error ? `: ${e.error}` : ""}`,
        ],
        ...(e.error ? { error: e.error } : {}),
      };
    case "error":
      return { ...s, status: "idle", error: e.message, storeVersion: s.storeVersion + 1 };
  }
}
