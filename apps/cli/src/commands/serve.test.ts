import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRun } from "@mlp-lab/runs";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { findViewerDir, registerServe, startServe } from "./serve.js";

const CONFIG = {
  model: { kind: "mlp", layers: [8], activation: "relu" },
  optimizer: { name: "sgd", learningRate: 0.1 },
  epochs: 1,
  batchSize: 4,
  dataset: "mnist",
  seed: 1,
};
const CLI = fileURLToPath(new URL("../../dist/mlp.js", import.meta.url));

describe("mlp serve", () => {
  let root: string;
  let runsDir: string;
  let appDir: string;
  let runId: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), "mlp-serve-"));
    runsDir = join(root, "runs");
    appDir = join(root, "app");
    mkdirSync(appDir);
    writeFileSync(join(appDir, "index.html"), "<!doctype html><title>mlp viewer</title>");
    runId = createRun(runsDir, { config: CONFIG }).id;
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("serves the viewer and the runs API on 127.0.0.1 by default", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const server = await startServe(runsDir, { port: 0, host: "127.0.0.1", viewerDir: appDir });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(String(out.mock.calls[0]?.[0])).toContain(server.url);
      expect(await (await fetch(server.url)).text()).toContain("<title>mlp viewer</title>");
      const runs = (await (await fetch(`${server.url}api/runs`)).json()) as { runs: { id: string }[] };
      expect(runs.runs.map((r) => r.id)).toEqual([runId]);
      // Ids are validated: nothing outside the runs folder can be reached.
      expect((await fetch(`${server.url}api/runs/..%2F..%2Fetc/artifacts/passwd`)).status).toBe(400);
    } finally {
      await server.close();
      out.mockRestore();
      err.mockRestore();
    }
  });

  it("warns when bound beyond this machine", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const server = await startServe(runsDir, { port: 0, host: "0.0.0.0", viewerDir: appDir });
    await server.close();
    expect(err.mock.calls.map((c) => String(c[0])).join("")).toMatch(
      /warning: listening on 0\.0\.0\.0 \(every network interface\): these runs .* become readable by anyone on the network/,
    );
    out.mockRestore();
    err.mockRestore();
  });

  it("refuses a forged Host header on every path with 403, accepts localhost and --allowed-host", async () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const server = await startServe(runsDir, {
      port: 0,
      host: "127.0.0.1",
      viewerDir: appDir,
      allowedHost: ["lab-box"],
    });
    const { port } = new URL(server.url);
    const get = (path: string, host: string) =>
      new Promise<{ status: number; body: string; cors: string[] }>((done, fail) => {
        const req = request({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => {
            body += c.toString();
          });
          res.on("end", () =>
            done({
              status: res.statusCode ?? 0,
              body,
              cors: Object.keys(res.headers).filter((h) => h.startsWith("access-control-")),
            }),
          );
        });
        req.on("error", fail);
        req.end();
      });
    try {
      for (const path of ["/", "/api/runs", `/viewer-api/runs/${runId}/files`, `/api/runs/${runId}/events`]) {
        const refused = await get(path, `rebind.evil.example:${port}`);
        expect(refused.status, path).toBe(403);
        expect(refused.body).toContain("HOST_NOT_ALLOWED");
      }
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, "lab-box"]) {
        const ok = await get("/api/runs", host);
        expect(ok.status, host).toBe(200);
        expect(ok.body).toContain(runId);
        expect(ok.cors).toEqual([]);
      }
    } finally {
      await server.close();
      out.mockRestore();
      err.mockRestore();
    }
  });

  it("rejects a port out of range as a usage error", async () => {
    const program = new Command("mlp").exitOverride();
    registerServe(program);
    await expect(program.parseAsync(["node", "mlp", "serve", "--port", "70000"])).rejects.toThrow(
      '--port must be an integer <= 65535, got "70000"',
    );
  });

  it("finds the viewer build: the flag first, then MLP_VIEWER_DIR, then the workspace build", () => {
    expect(findViewerDir(appDir)).toBe(appDir);
    vi.stubEnv("MLP_VIEWER_DIR", appDir);
    expect(findViewerDir()).toBe(appDir);
    vi.unstubAllEnvs();
    expect(findViewerDir()).toMatch(/viewer[/\\]dist[/\\]app$/);
  });

  it.runIf(existsSync(CLI))(
    "runs from the built CLI with the bundled viewer and stops on SIGINT",
    async () => {
      const child = spawn(process.execPath, [CLI, "serve", runsDir, "--port", "0"], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      const url = await new Promise<string>((found, fail) => {
        let text = "";
        child.stdout.on("data", (chunk: Buffer) => {
          text += chunk.toString();
          const match = /http:\/\/127\.0\.0\.1:\d+\//.exec(text);
          if (match) found(match[0]);
        });
        child.on("exit", (code) => fail(new Error(`mlp serve exited with ${code}`)));
      });
      const page = await (await fetch(url)).text();
      expect(page).toContain("<title>mlp-lab viewer</title>");
      const runs = (await (await fetch(`${url}api/runs`)).json()) as { runs: { id: string }[] };
      expect(runs.runs.map((r) => r.id)).toEqual([runId]);
      const exit = new Promise<number | null>((done) => child.on("exit", done));
      child.kill("SIGINT");
      expect(await exit).toBe(0);
    },
  );
});
