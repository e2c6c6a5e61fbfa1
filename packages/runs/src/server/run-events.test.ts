import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "../create-run.js";
import { resumeRun } from "../resume-run.js";
import type { RunHandle } from "../run-handle.js";
import type { MetricsEventData, RunDetailResponse } from "../schema/api.js";
import { CONFIG, metrics, tempRunsDir } from "../test-helpers.js";
import { type RunsApiServer, createRunsApiServer } from "./create-server.js";
import { openEvents, rawRequest } from "./test-client.js";

const { dir, cleanup } = tempRunsDir();
let api: RunsApiServer;
let run: RunHandle;

beforeAll(async () => {
  run = createRun(dir, { config: CONFIG, id: "20260101-000000-000-live" });
  run.appendMetrics(metrics(1, "train", 0.5));
  // A short poll keeps the test quick where fs.watch is slow or unavailable; fs.watch usually wins.
  api = await createRunsApiServer({ runsDir: dir, pollIntervalMs: 50 });
});
afterAll(async () => {
  await api.close();
  cleanup();
});

const isMetrics = (e: { event: string }) => e.event === "metrics";

describe("GET /api/runs/:id/events", () => {
  it("sends the run and existing lines, then appended lines and status changes", async () => {
    const events = await openEvents(api.url, `/api/runs/${run.id}/events`);
    const first = await events.next((e) => e.event === "run");
    expect((first.data as RunDetailResponse).run.status).toBe("running");
    const existing = await events.next(isMetrics);
    expect(existing.data).toMatchObject({ fromLine: 0, toLine: 1, entries: [{ epoch: 1, phase: "train" }] });
    expect(existing.id).toBe("1");

    run.appendMetrics(metrics(1, "val", 0.6));
    const appended = await events.next(isMetrics);
    expect(appended.data).toMatchObject({
      fromLine: 1,
      toLine: 2,
      entries: [{ epoch: 1, phase: "val", accuracy: 0.6 }],
    });

    run.interrupt();
    const status = await events.next(
      (e) => e.event === "run" && (e.data as RunDetailResponse).run.status !== "running",
    );
    expect((status.data as RunDetailResponse).run.status).toBe("interrupted");
    events.close();
    await events.closed;
  });

  it("starts after the lines the client has (?from= and Last-Event-ID)", async () => {
    const viaQuery = await openEvents(api.url, `/api/runs/${run.id}/events?from=1`);
    expect((await viaQuery.next(isMetrics)).data).toMatchObject({ fromLine: 1, entries: [{ phase: "val" }] });
    viaQuery.close();
    const viaHeader = await openEvents(api.url, `/api/runs/${run.id}/events`, { "last-event-id": "1" });
    expect(((await viaHeader.next(isMetrics)).data as MetricsEventData).fromLine).toBe(1);
    viaHeader.close();
  });

  it("sends reset and the kept lines when a resume rewrites metrics.jsonl", async () => {
    const events = await openEvents(api.url, `/api/runs/${run.id}/events`);
    expect(((await events.next(isMetrics)).data as MetricsEventData).toLine).toBe(2);
    const resumed = resumeRun(dir, run.id, { fromEpoch: 0 });
    await events.next((e) => e.event === "reset");
    resumed.appendMetrics(metrics(1, "train", 0.55));
    expect((await events.next(isMetrics)).data).toMatchObject({ fromLine: 0, entries: [{ accuracy: 0.55 }] });
    resumed.complete();
    events.close();
  });

  it("rejects unknown runs, bad ids and a bad from before opening a stream", async () => {
    expect((await rawRequest(api.url, "/api/runs/nope/events")).status).toBe(404);
    expect((await rawRequest(api.url, "/api/runs/..%2Fx/events")).status).toBe(400);
    expect((await rawRequest(api.url, `/api/runs/${run.id}/events?from=-1`)).status).toBe(400);
  });

  it("ends open streams when the handler closes", async () => {
    const events = await openEvents(api.url, `/api/runs/${run.id}/events`);
    await events.next((e) => e.event === "run");
    const other = await createRunsApiServer({ runsDir: dir });
    const second = await openEvents(other.url, `/api/runs/${run.id}/events`);
    await second.next((e) => e.event === "run");
    await other.close(); // would hang if the stream stayed open
    await second.closed;
    events.close();
  });
});
