import { appendFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "../create-run.js";
import { CONFIG, metrics, tempRunsDir } from "../test-helpers.js";
import { type RunsApiServer, createRunsApiServer } from "./create-server.js";
import { rawRequest } from "./test-client.js";

const { dir, cleanup } = tempRunsDir();
let api: RunsApiServer;
const ID = "20260101-000000-000-export";

beforeAll(async () => {
  const run = createRun(dir, { config: CONFIG, id: ID });
  for (let epoch = 0; epoch < 3; epoch++) {
    run.appendMetrics(metrics(epoch, "train", 0.5 + epoch / 10));
    run.appendMetrics({ ...metrics(epoch, "val", 0.55 + epoch / 10), lr: null });
  }
  // A resumed epoch 2 written again: the export keeps its last line. An extra key with a comma is quoted.
  run.appendMetrics({ ...metrics(2, "train", 0.9), note: 'a,"b"' } as ReturnType<typeof metrics>);
  run.complete();
  api = await createRunsApiServer({ runsDir: dir });
});
afterAll(async () => {
  await api.close();
  cleanup();
});

describe("GET /api/runs/:id/metrics.csv and .json", () => {
  it("answers CSV with one row per epoch and phase, as a download", async () => {
    const res = await rawRequest(api.url, `/api/runs/${ID}/metrics.csv`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="${ID}-metrics.csv"`);
    const lines = res.body.trimEnd().split("\r\n");
    expect(lines[0]).toBe("epoch,phase,loss,accuracy,lr,seconds,samples,time,note");
    expect(lines).toHaveLength(1 + 6);
    expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual([
      "0,train",
      "0,val",
      "1,train",
      "1,val",
      "2,train",
      "2,val",
    ]);
    // The resumed line won, with its extra field quoted; a val line has no learning rate (empty field).
    expect(lines[5]).toMatch(/^2,train,0\.0999\d*,0\.9,0\.001,1\.5,100,[^,]+,"a,""b"""$/);
    expect(lines[2]).toMatch(/^0,val,[^,]+,0\.55,,1\.5,100,/);
  });

  it("answers the same rows as a JSON array", async () => {
    const res = await rawRequest(api.url, `/api/runs/${ID}/metrics.json`);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const rows = JSON.parse(res.body) as { epoch: number; phase: string; accuracy: number }[];
    expect(rows.map((r) => `${r.epoch}:${r.phase}`)).toEqual([
      "0:train",
      "0:val",
      "1:train",
      "1:val",
      "2:train",
      "2:val",
    ]);
    expect(rows[4]!.accuracy).toBe(0.9);
  });

  it("answers 404 for an unknown run and 422 for a corrupt metrics line", async () => {
    const missing = await rawRequest(api.url, "/api/runs/20260101-000000-000-nope/metrics.csv");
    expect(missing.status).toBe(404);
    expect(JSON.parse(missing.body).error.code).toBe("RUN_NOT_FOUND");
    appendFileSync(join(dir, ID, "metrics.jsonl"), "{ not json\n");
    const corrupt = await rawRequest(api.url, `/api/runs/${ID}/metrics.json`);
    expect(corrupt.status).toBe(422);
    expect(JSON.parse(corrupt.body).error.code).toBe("CORRUPT_METRICS");
  });
});
