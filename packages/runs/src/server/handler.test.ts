import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "../create-run.js";
import { CONFIG, metrics, tempRunsDir } from "../test-helpers.js";
import { type RunsApiServer, createRunsApiServer } from "./create-server.js";
import { createRunsApiHandler } from "./handler.js";
import { rawRequest } from "./test-client.js";

const { dir, cleanup } = tempRunsDir();
let api: RunsApiServer;
const GOOD = "20260101-000000-000-good";
const CORRUPT = "20260102-000000-000-corrupt";
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

beforeAll(async () => {
  const run = createRun(dir, { config: CONFIG, id: GOOD });
  run.appendMetrics(metrics(1, "train", 0.5));
  run.appendMetrics(metrics(1, "val", 0.6));
  run.writeArtifact("confusion-matrix.json", {
    matrix: [
      [1, 0],
      [0, 1],
    ],
  });
  writeFileSync(run.artifactPath("loss.png"), PNG);
  writeFileSync(run.artifactPath("loss.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
  writeFileSync(run.artifactPath("notes.txt"), "text");
  writeFileSync(join(dir, "secret.json"), '{"secret":true}');
  symlinkSync(join(dir, "secret.json"), run.artifactPath("link.json"));
  mkdirSync(run.checkpointPath("best"), { recursive: true });
  writeFileSync(join(run.checkpointPath("best"), "trainer.json"), '{"format":"trainer"}');
  writeFileSync(join(run.checkpointPath("best"), "model.safetensors"), Buffer.from([1, 2, 3, 4]));
  run.complete();
  mkdirSync(join(dir, CORRUPT));
  writeFileSync(join(dir, CORRUPT, "run.json"), "{ not json");
  api = await createRunsApiServer({ runsDir: dir });
});
afterAll(async () => {
  await api.close();
  cleanup();
});

const get = (path: string, method?: string) => rawRequest(api.url, path, method);
const json = async (path: string) => {
  const res = await get(path);
  return { status: res.status, type: res.headers["content-type"], body: JSON.parse(res.body) };
};

describe("runs API", () => {
  it("GET /api/runs lists good and corrupt runs", async () => {
    const res = await json("/api/runs");
    expect(res.status).toBe(200);
    expect(res.type).toBe("application/json; charset=utf-8");
    expect(res.body.runs).toEqual([
      {
        ok: false,
        id: CORRUPT,
        error: { code: "CORRUPT_RUN", message: expect.stringContaining("not valid JSON") },
      },
      expect.objectContaining({
        ok: true,
        id: GOOD,
        stale: false,
        run: expect.objectContaining({ status: "completed" }),
      }),
    ]);
  });

  it("GET /api/runs/:id returns the run, 422 for a corrupt one, 404 for an unknown one", async () => {
    expect(await json(`/api/runs/${GOOD}`)).toMatchObject({
      status: 200,
      body: { ok: true, id: GOOD, run: { summary: { bestValAccuracy: 0.6 } } },
    });
    expect(await json(`/api/runs/${CORRUPT}`)).toMatchObject({
      status: 422,
      body: { error: { code: "CORRUPT_RUN" } },
    });
    expect(await json("/api/runs/20990101-none")).toMatchObject({
      status: 404,
      body: { error: { code: "RUN_NOT_FOUND" } },
    });
  });

  it("GET /api/runs/:id/metrics returns the entries and the line count", async () => {
    const res = await json(`/api/runs/${GOOD}/metrics`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: GOOD, lines: 2, entries: [{ phase: "train" }, { phase: "val" }] });
  });

  it("serves artifacts with their content type", async () => {
    const matrix = await get(`/api/runs/${GOOD}/artifacts/confusion-matrix.json`);
    expect([matrix.status, matrix.headers["content-type"]]).toEqual([200, "application/json; charset=utf-8"]);
    expect(JSON.parse(matrix.body)).toMatchObject({
      matrix: [
        [1, 0],
        [0, 1],
      ],
    });
    const png = await get(`/api/runs/${GOOD}/artifacts/loss.png`);
    expect([png.status, png.headers["content-type"], png.headers["content-length"]]).toEqual([
      200,
      "image/png",
      "8",
    ]);
    const svg = await get(`/api/runs/${GOOD}/artifacts/loss.svg`);
    expect([svg.status, svg.headers["content-type"]]).toEqual([200, "image/svg+xml"]);
    expect(svg.headers["content-security-policy"]).toContain("default-src 'none'");
  });

  it("refuses other artifact types, missing files and symlinks out of the run", async () => {
    expect(await json(`/api/runs/${GOOD}/artifacts/notes.txt`)).toMatchObject({
      status: 404,
      body: { error: { code: "UNSUPPORTED_ARTIFACT" } },
    });
    expect(await json(`/api/runs/${GOOD}/artifacts/missing.json`)).toMatchObject({
      status: 404,
      body: { error: { code: "FILE_NOT_FOUND", message: `No file ${GOOD}/artifacts/missing.json` } },
    });
    expect((await json(`/api/runs/${GOOD}/artifacts/link.json`)).status).toBe(404);
  });

  it("serves checkpoint files read-only", async () => {
    const trainer = await get(`/api/runs/${GOOD}/checkpoint/best/trainer.json`);
    expect([trainer.status, trainer.headers["content-type"], trainer.body]).toEqual([
      200,
      "application/json; charset=utf-8",
      '{"format":"trainer"}',
    ]);
    const weights = await get(`/api/runs/${GOOD}/checkpoint/best/model.safetensors`);
    expect([weights.status, weights.headers["content-type"], weights.headers["content-length"]]).toEqual([
      200,
      "application/octet-stream",
      "4",
    ]);
    expect((await get(`/api/runs/${GOOD}/checkpoint/last/trainer.json`)).status).toBe(404);
    expect((await get(`/api/runs/${GOOD}/checkpoint/worst/trainer.json`)).status).toBe(404);
  });

  it.each([
    "/api/runs/..%2F..%2Fetc",
    "/api/runs/..%2fsecret.json",
    "/api/runs/a%5C..%5Cb",
    "/api/runs/a%00b",
    "/api/runs/%2Fetc%2Fpasswd",
    `/api/runs/${GOOD}/artifacts/..%2F..%2Fsecret.json`,
    `/api/runs/${GOOD}/artifacts/..%2Frun.json`,
    `/api/runs/${GOOD}/artifacts/%2e%2e%2f%2e%2e%2fsecret.json`,
    `/api/runs/${GOOD}/checkpoint/best/..%2F..%2Frun.json`,
    `/api/runs/${GOOD}/checkpoint/best/..%5C..%5Crun.json`,
    "/api/runs/%E0%A4%A",
  ])("rejects traversal attempt %s with 400", async (path) => {
    const res = await json(path);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Invalid|Malformed/);
    expect(JSON.stringify(res.body)).not.toContain('"secret":true');
  });

  it.each([
    `/api/runs/${GOOD}/artifacts/../../../secret.json`,
    "/api/runs/%2e%2e",
    "/api/runs/%2e%2e/secret.json",
  ])("normalises dot segments in %s away before routing (404, nothing served)", async (path) => {
    const res = await json(path);
    expect(res.status).toBe(404);
    expect(JSON.stringify(res.body)).not.toContain('"secret":true');
  });

  it("answers 404 JSON for unknown API paths and 405 for writes", async () => {
    expect(await json("/api/nope")).toMatchObject({ status: 404, body: { error: { code: "NOT_FOUND" } } });
    expect(await json(`/api/runs/${GOOD}/other`)).toMatchObject({ status: 404 });
    const post = await get("/api/runs", "POST");
    expect([post.status, post.headers.allow]).toEqual([405, "GET, HEAD"]);
    expect((await get(`/api/runs/${GOOD}`, "DELETE")).status).toBe(405);
  });

  it("leaves paths outside the API to the caller", async () => {
    const handler = createRunsApiHandler({ runsDir: dir });
    const server = createServer((req, res) => {
      if (!handler(req, res)) res.writeHead(299).end("fallthrough");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    expect((await rawRequest(base, "/index.html")).status).toBe(299);
    expect((await rawRequest(base, "/apiary")).status).toBe(299);
    expect((await rawRequest(base, "/api/runs")).status).toBe(200);
    handler.close();
    await new Promise((resolve) => server.close(resolve));
  });
});
