import type { MetricsEntry, RunOkJson, RunRecord } from "@mlp-lab/runs/schema";

// Test data shared by the unit tests: a valid run record and metrics lines, as the API sends them.

/** A completed MLP run; override any top-level field. */
export function runRecord(overrides: Partial<RunRecord> = {}): RunRecord {
  return {
    schemaVersion: 1,
    id: "20261127-100000-000-mnist-mlp-512-a001",
    name: "mnist-mlp-512",
    createdAt: "2026-11-27T10:00:00.000Z",
    startedAt: "2026-11-27T10:00:00.000Z",
    endedAt: "2026-11-27T10:05:00.000Z",
    status: "completed",
    error: null,
    config: {
      model: { kind: "mlp", layers: [512, 256], activation: "relu", dropout: 0 },
      optimizer: { name: "adam", learningRate: 0.001 },
      scheduler: null,
      earlyStopping: null,
      epochs: 10,
      batchSize: 64,
      dataset: "mnist",
      seed: 1,
      data: {},
    },
    dataset: null,
    packages: {},
    backend: { name: "wasm", threads: 4, simd: true },
    host: { hostname: "lab", platform: "linux", arch: "x64" },
    writer: { pid: 1, hostname: "lab" },
    summary: {
      bestValAccuracy: 0.975,
      bestEpoch: 8,
      lastEpoch: 10,
      durationSeconds: 300,
      parameters: 535818,
    },
    resumes: [],
    tags: [],
    ...overrides,
  };
}

/** A list entry for a readable run. */
export function okEntry(overrides: Partial<RunRecord> = {}): RunOkJson {
  const run = runRecord(overrides);
  return { ok: true, id: run.id, run, stale: false };
}

/** A metrics line. */
export function metricsLine(
  epoch: number,
  phase: MetricsEntry["phase"],
  loss: number | null,
  accuracy: number | null,
): MetricsEntry {
  return {
    epoch,
    phase,
    loss,
    accuracy,
    lr: phase === "train" ? 0.001 : null,
    seconds: 1,
    samples: 100,
    time: "2026-11-27T10:00:00.000Z",
  };
}
