import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempRunsDir } from "../test-helpers.js";
import { type RunsApiServer, createRunsApiServer } from "./create-server.js";
import { rawRequest } from "./test-client.js";

const GOOD = "20261201-220000-small-aaaa";
const CORRUPT = "20261201-230000-broken-bbbb";

/** A sweep.json as @mlp-lab/sweeps writes it (trimmed), with a key this API does not know. */
const record = {
  schemaVersion: 1,
  id: GOOD,
  name: "small",
  status: "completed",
  createdAt: "2026-12-01T22:00:00.000Z",
  updatedAt: "2026-12-01T22:05:00.000Z",
  endedAt: "2026-12-01T22:05:00.000Z",
  spec: {
    name: "small",
    method: "grid",
    metric: { name: "val_accuracy", goal: "maximize" },
    base: { epochs: 3 },
    parameters: {
      "optimizer.learningRate": { values: [0.01, 0.1] },
      "model.layers": { values: [[32], [64, 32]] },
    },
  },
  specSource: "small.yaml",
  executor: { kind: "inline" },
  controller: { pid: 1, hostname: "h" },
  trials: [
    {
      number: 0,
      params: { "optimizer.learningRate": 0.01, "model.layers": [32] },
      state: "completed",
      runId: "run-t0",
      values: [0.5, 0.7, 0.8],
      value: 0.8,
      epochs: 3,
      rungs: [],
      unknownKey: true,
    },
    {
      number: 1,
      params: { "optimizer.learningRate": 0.1, "model.layers": [32] },
      state: "pruned",
      runId: "run-t1",
      values: [0.4],
      value: 0.4,
      epochs: 1,
      rungs: [{ epoch: 1, value: 0.4, promoted: false }],
    },
    { number: 2, params: { "optimizer.learningRate": 0.01, "model.layers": [64, 32] }, state: "running" },
  ],
  best: { trial: 0, value: 0.8, runId: "run-t0", params: { "optimizer.learningRate": 0.01 } },
  error: null,
};

describe("sweeps API", () => {
  const { dir, cleanup } = tempRunsDir();
  const empty = tempRunsDir();
  let api: RunsApiServer;
  let emptyApi: RunsApiServer;
  beforeAll(async () => {
    mkdirSync(join(dir, ".sweeps", GOOD), { recursive: true });
    writeFileSync(join(dir, ".sweeps", GOOD, "sweep.json"), JSON.stringify(record));
    mkdirSync(join(dir, ".sweeps", CORRUPT), { recursive: true });
    writeFileSync(join(dir, ".sweeps", CORRUPT, "sweep.json"), JSON.stringify({ ...record, trials: "x" }));
    api = await createRunsApiServer({ runsDir: dir });
    emptyApi = await createRunsApiServer({ runsDir: empty.dir });
  });
  afterAll(async () => {
    await api.close();
    await emptyApi.close();
    cleanup();
    empty.cleanup();
  });
  const json = async (base: string, path: string) => {
    const res = await rawRequest(base, path);
    return { status: res.status, body: JSON.parse(res.body) };
  };

  it("GET /api/sweeps is an empty list when the runs folder has no .sweeps folder", async () => {
    expect(await json(emptyApi.url, "/api/sweeps")).toEqual({ status: 200, body: { sweeps: [] } });
  });

  it("GET /api/sweeps lists sweeps newest first with trial counts and the best, and names a corrupt record", async () => {
    const { status, body } = await json(api.url, "/api/sweeps");
    expect(status).toBe(200);
    expect(body.sweeps).toHaveLength(2);
    expect(body.sweeps[0]).toMatchObject({
      ok: false,
      id: CORRUPT,
      error: { code: "CORRUPT_SWEEP", message: expect.stringContaining(join(CORRUPT, "sweep.json")) },
    });
    expect(body.sweeps[1]).toEqual({
      ok: true,
      id: GOOD,
      sweep: {
        id: GOOD,
        name: "small",
        status: "completed",
        method: "grid",
        metric: { name: "val_accuracy", goal: "maximize" },
        createdAt: record.createdAt,
        updatedAt: record.updatedAt,
        endedAt: record.endedAt,
        plannedTrials: 4,
        trialCounts: { completed: 1, pruned: 1, running: 1 },
        best: record.best,
        error: null,
      },
    });
  });

  it("GET /api/sweeps/:id returns the parameters and every trial; 422 names a corrupt file; 404 for unknown or unsafe ids", async () => {
    const { status, body } = await json(api.url, `/api/sweeps/${GOOD}`);
    expect(status).toBe(200);
    expect(body.parameters).toEqual([
      { name: "optimizer.learningRate", values: [0.01, 0.1], distribution: null, min: null, max: null },
      { name: "model.layers", values: [[32], [64, 32]], distribution: null, min: null, max: null },
    ]);
    expect(body.trials.map((t: { state: string; epochs: number; lastRung: number | null }) => t)).toEqual([
      expect.objectContaining({
        number: 0,
        state: "completed",
        runId: "run-t0",
        value: 0.8,
        epochs: 3,
        lastRung: null,
      }),
      expect.objectContaining({ number: 1, state: "pruned", value: 0.4, epochs: 1, lastRung: 1 }),
      expect.objectContaining({ number: 2, state: "running", runId: null, value: null, epochs: 0 }),
    ]);
    expect(body.trials[0]).not.toHaveProperty("unknownKey");

    const corrupt = await json(api.url, `/api/sweeps/${CORRUPT}`);
    expect(corrupt.status).toBe(422);
    expect(corrupt.body.error.code).toBe("CORRUPT_SWEEP");
    expect(corrupt.body.error.message).toContain(join(".sweeps", CORRUPT, "sweep.json"));
    expect(corrupt.body.error.message).toContain("trials");

    expect(await json(api.url, "/api/sweeps/20990101-none")).toMatchObject({
      status: 404,
      body: { error: { code: "SWEEP_NOT_FOUND" } },
    });
    expect((await json(api.url, "/api/sweeps/..%2F..%2Fetc")).status).toBe(404);
    expect((await json(api.url, `/api/sweeps/${GOOD}/extra`)).status).toBe(404);
  });
});
