// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRun } from "@mlp-lab/runs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunFilesResponse } from "../run-files-response.js";
import { type ViewerServer, startViewerServer } from "./start-viewer-server.js";
import { ViewerServerError } from "./viewer-server-error.js";

const CONFIG = {
  model: { kind: "mlp", layers: [8], activation: "relu" },
  optimizer: { name: "sgd", learningRate: 0.1 },
  epochs: 1,
  batchSize: 4,
  dataset: "mnist",
  seed: 1,
};

describe("startViewerServer", () => {
  let root: string;
  let server: ViewerServer;
  let id: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "viewer-server-"));
    mkdirSync(join(root, "app"));
    writeFileSync(join(root, "app", "index.html"), "<!doctype html><title>viewer</title>");
    const run = createRun(join(root, "runs"), { config: CONFIG });
    run.writeArtifact("confusion-matrix.json", { matrix: [[1]] });
    id = run.id;
    server = await startViewerServer({ runsDir: join(root, "runs"), appDir: join(root, "app") });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("binds 127.0.0.1 by default and serves the app and the runs API together", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(await (await fetch(server.url)).text()).toContain("<title>viewer</title>");
    const list = (await (await fetch(`${server.url}api/runs`)).json()) as { runs: { id: string }[] };
    expect(list.runs.map((r) => r.id)).toEqual([id]);
  });

  it("lists a run's artifact and checkpoint files, and refuses unsafe ids", async () => {
    const files = (await (
      await fetch(`${server.url}viewer-api/runs/${id}/files`)
    ).json()) as RunFilesResponse;
    expect(files).toEqual({ id, artifacts: ["confusion-matrix.json"], checkpoints: { best: [], last: [] } });
    expect((await fetch(`${server.url}viewer-api/runs/..%2F..%2Fetc/files`)).status).toBe(400);
    const missing = (await (
      await fetch(`${server.url}viewer-api/runs/no-such-run/files`)
    ).json()) as RunFilesResponse;
    expect(missing.artifacts).toEqual([]);
  });

  it("says how to build the app when it is missing", async () => {
    const error = await startViewerServer({ runsDir: root, appDir: join(root, "nowhere") }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ViewerServerError);
    expect((error as ViewerServerError).code).toBe("APP_NOT_BUILT");
    expect((error as Error).message).toContain("pnpm --filter @mlp-lab/viewer build");
  });

  it("reports a port in use", async () => {
    const port = Number(new URL(server.url).port);
    const error = await startViewerServer({ runsDir: root, appDir: join(root, "app"), port }).catch(
      (e: unknown) => e,
    );
    expect((error as ViewerServerError).code).toBe("LISTEN_FAILED");
    expect((error as Error).message).toContain("EADDRINUSE");
  });
});
