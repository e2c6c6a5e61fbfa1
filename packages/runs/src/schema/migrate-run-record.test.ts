import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { listRuns } from "../list-runs.js";
import { readRun } from "../read-run.js";
import { migrateRunRecord } from "./migrate-run-record.js";

// A run written by `mlp train` 0.1 (run.json schema 1, flags in config.flags), committed as it was written.
const STORE = join(import.meta.dirname, "../__fixtures__/v1-runs");
const [ID] = readdirSync(STORE);

describe("run.json schema 1 → 2", () => {
  it("reads a v1 run as schema 2 with an experiment config made from its flags", async () => {
    const raw = JSON.parse(readFileSync(join(STORE, ID!, "run.json"), "utf8"));
    expect(raw.schemaVersion).toBe(1);
    expect(raw.config.flags).toBeDefined();
    const run = await readRun(STORE, ID!);
    expect(run.schemaVersion).toBe(2);
    expect(run.config).not.toHaveProperty("flags");
    expect(run.config).not.toHaveProperty("modelConfig");
    expect(run.config).toEqual({
      version: 2,
      dataset: "mnist",
      data: { download: true, trainLimit: 300, valLimit: 30, augment: false },
      normalize: { mean: [0.1307], std: [0.3081] },
      model: { kind: "two-layer", layers: [4] },
      optimizer: { name: "sgd", learningRate: 0.01, momentum: 0.5 },
      scheduler: null,
      earlyStopping: null,
      epochs: 1,
      batchSize: 64,
      valBatchSize: 10000,
      seed: 1,
      logInterval: 1,
      backend: "cpu",
    });
    // Everything else is kept as written.
    expect(run).toMatchObject({
      id: ID,
      status: "completed",
      summary: { bestValAccuracy: 0.3, parameters: 3190 },
    });
  });

  it("lists a v1 run beside newer ones", async () => {
    const entries = await listRuns(STORE);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ ok: true, id: ID, run: { schemaVersion: 2 } });
  });

  it("maps a v1 mlp with Adam, a warm-up schedule and early stopping", () => {
    const migrated = migrateRunRecord({
      schemaVersion: 1,
      config: {
        model: { kind: "mlp", layers: [64, 32], activation: "tanh", dropout: 0.1 },
        optimizer: { name: "adam", learningRate: 0.002, beta1: 0.8, maxGradNorm: 1 },
        scheduler: { name: "warmup", epochs: 1, after: { kind: "cosine", tMax: 4 } },
        earlyStopping: { monitor: "val_loss", patience: 2, minDelta: 0 },
        epochs: 5,
        batchSize: 32,
        dataset: "fashion-mnist",
        seed: 3,
        data: {},
        flags: {
          model: "mlp",
          layers: [64, 32],
          activation: "tanh",
          dropout: 0.1,
          dataDir: "/data",
          valSplit: 0.1,
          augment: true,
          valBatchSize: 1000,
          logInterval: 2,
          backend: "wasm",
        },
      },
    }) as { schemaVersion: number; config: Record<string, unknown> };
    expect(migrated.schemaVersion).toBe(2);
    expect(migrated.config).toMatchObject({
      dataset: "fashion-mnist",
      data: { dir: "/data", valSplit: 0.1, augment: true, download: true },
      model: { kind: "mlp", layers: [64, 32], activation: "tanh", dropout: 0.1 },
      optimizer: { name: "adam", learningRate: 0.002, beta1: 0.8, maxGradNorm: 1 },
      scheduler: { name: "warmup", epochs: 1, after: { name: "cosine", tMax: 4 } },
      earlyStopping: { monitor: "val_loss", patience: 2, minDelta: 0 },
      epochs: 5,
      batchSize: 32,
      valBatchSize: 1000,
      seed: 3,
      logInterval: 2,
      backend: "wasm",
    });
  });

  it("leaves a v1 run without flags (another tool's) and a v2 run as they are", () => {
    const foreign = { schemaVersion: 1, config: { model: { kind: "x", layers: [] } } };
    expect(migrateRunRecord(foreign)).toEqual({ ...foreign, schemaVersion: 2 });
    const current = { schemaVersion: 2, config: { version: 2 } };
    expect(migrateRunRecord(current)).toBe(current);
  });
});
