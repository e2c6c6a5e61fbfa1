import type { RunListEntryJson, RunRecord, RunStatus } from "@mlp-lab/runs/schema";
import { flattenParams } from "./flatten-params.js";

/** One line of the runs table, flattened from a run record for sorting and filtering. */
export interface RunRow {
  id: string;
  name: string;
  /** Null for a run whose run.json could not be read; `error` says why. */
  status: RunStatus | null;
  stale: boolean;
  dataset: string;
  /** e.g. "mlp 784-512-256-10 relu". */
  model: string;
  optimizer: string;
  learningRate: number | null;
  epochs: number | null;
  /** Epochs with metrics so far, for running runs. */
  lastEpoch: number | null;
  bestValAccuracy: number | null;
  durationSeconds: number | null;
  backend: string;
  createdAt: string;
  tags: string[];
  /**
   * Every hyperparameter of the run's config, flattened to dotted paths (`optimizer.learningRate`), whatever
   * the config's shape (run.json v1's `config`, or an experiment document): the optional table columns.
   */
  params: Record<string, string | number | boolean | null>;
  error: string | null;
}

/** Model description as the table shows it: kind, layer sizes, activation when not the default. */
export function describeModel(model: RunRecord["config"]["model"]): string {
  const layers = model.layers.length > 0 ? ` ${model.layers.join("-")}` : "";
  return `${model.kind}${layers}${model.activation && model.activation !== "relu" ? ` ${model.activation}` : ""}`;
}

/** Backend as the table shows it, e.g. "wasm (4 threads, simd)". */
export function describeBackend(backend: RunRecord["backend"]): string {
  if (!backend) return "";
  const details = [
    backend.threads ? `${backend.threads} thread${backend.threads > 1 ? "s" : ""}` : "",
    backend.simd ? "simd" : "",
  ].filter(Boolean);
  return details.length > 0 ? `${backend.name} (${details.join(", ")})` : backend.name;
}

/** Flatten a `GET /api/runs` entry into a table row; corrupt runs keep their id and error. */
export function toRunRow(entry: RunListEntryJson): RunRow {
  if (!entry.ok) {
    return {
      id: entry.id,
      name: entry.id,
      status: null,
      stale: false,
      dataset: "",
      model: "",
      optimizer: "",
      learningRate: null,
      epochs: null,
      lastEpoch: null,
      bestValAccuracy: null,
      durationSeconds: null,
      backend: "",
      createdAt: "",
      tags: [],
      params: {},
      error: entry.error.message,
    };
  }
  const { run } = entry;
  return {
    id: entry.id,
    name: run.name,
    status: run.status,
    stale: entry.stale,
    dataset: run.config.dataset,
    model: describeModel(run.config.model),
    optimizer: run.config.optimizer.name,
    learningRate: run.config.optimizer.learningRate,
    epochs: run.config.epochs,
    lastEpoch: run.summary.lastEpoch,
    bestValAccuracy: run.summary.bestValAccuracy,
    durationSeconds: run.summary.durationSeconds,
    backend: describeBackend(run.backend),
    createdAt: run.createdAt,
    tags: run.tags,
    params: flattenParams(run.config),
    error: run.status === "failed" ? (run.error?.message ?? "failed") : null,
  };
}
