import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "../create-run.js";
import { CONFIG, tempRunsDir } from "../test-helpers.js";
import { type RunsApiServer, createRunsApiServer } from "./create-server.js";
import { EventStreamLimit } from "./stream-limit.js";
import { openEvents, rawRequest } from "./test-client.js";

const { dir, cleanup } = tempRunsDir();
let api: RunsApiServer;
let runId: string;

beforeAll(async () => {
  runId = createRun(dir, { config: CONFIG }).id;
  api = await createRunsApiServer({ runsDir: dir, maxEventStreams: 2, pollIntervalMs: 50 });
});
afterAll(async () => {
  await api.close();
  cleanup();
});

/** Open a stream once the server has noticed that earlier clients left (their close reaches it shortly after). */
async function openWhenFree(path: string) {
  for (let attempt = 0; ; attempt++) {
    try {
      return await openEvents(api.url, path);
    } catch (error) {
      if (attempt === 100 || !String(error).includes("503")) throw error;
      await new Promise((done) => setTimeout(done, 20));
    }
  }
}

describe("bound on event streams", () => {
  it("answers 503 with Retry-After beyond the bound, and frees a slot when a client leaves", async () => {
    const path = `/api/runs/${runId}/events`;
    const a = await openEvents(api.url, path);
    const b = await openEvents(api.url, path);
    await a.next((e) => e.event === "run");
    const refused = await rawRequest(api.url, path);
    expect(refused.status).toBe(503);
    expect(refused.headers["retry-after"]).toBe("5");
    const body = JSON.parse(refused.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("TOO_MANY_EVENT_STREAMS");
    expect(body.error.message).toContain("maxEventStreams 2");
    // Plain API calls are not counted.
    expect((await rawRequest(api.url, "/api/runs")).status).toBe(200);
    a.close();
    await a.closed;
    const c = await openWhenFree(path);
    expect((await c.next((e) => e.event === "run")).event).toBe("run");
    b.close();
    c.close();
    await Promise.all([b.closed, c.closed]);
  });

  it("releases the slot of a stream refused for an unknown run", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await rawRequest(api.url, "/api/runs/20990101-000000-000-none/events")).status).toBe(404);
    }
    const a = await openWhenFree(`/api/runs/${runId}/events`);
    const b = await openWhenFree(`/api/runs/${runId}/events`);
    a.close();
    b.close();
    await Promise.all([a.closed, b.closed]);
  });

  it("rejects a bound that is not a positive integer", () => {
    expect(() => new EventStreamLimit(0)).toThrow("maxEventStreams must be an integer >= 1, got 0");
  });
});
