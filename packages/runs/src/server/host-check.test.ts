import { type IncomingHttpHeaders, request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRun } from "../create-run.js";
import { CONFIG, tempRunsDir } from "../test-helpers.js";
import { type RunsApiServer, createRunsApiServer } from "./create-server.js";
import { createHostCheck, hostnameOf } from "./host-check.js";

const { dir, cleanup } = tempRunsDir();
let api: RunsApiServer;
let runId: string;

/** GET `path` on the loopback server with exactly these headers (Host forged when given). */
function get(
  path: string,
  headers: Record<string, string>,
  method = "GET",
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  const url = new URL(api.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString(),
        }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  runId = createRun(dir, { config: CONFIG }).id;
  api = await createRunsApiServer({ runsDir: dir, host: "127.0.0.1" });
});
afterAll(async () => {
  await api.close();
  cleanup();
});

describe("Host header check (DNS rebinding)", () => {
  it.each([
    "evil.example",
    "evil.example:5174",
    "localhost.evil.example",
    "127.0.0.1.nip.io:5174",
    "attacker.localhost.example",
  ])("refuses Host: %s with 403 before reading any run", async (host) => {
    const res = await get("/api/runs", { host });
    expect(res.status).toBe(403);
    const body = JSON.parse(res.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("HOST_NOT_ALLOWED");
    expect(body.error.message).toContain(JSON.stringify(host));
    expect(res.body).not.toContain(runId);
  });

  it.each([
    "localhost",
    "LOCALHOST:5174",
    "127.0.0.1",
    "127.0.0.1:80",
    "[::1]:5174",
    "[::1]",
    "app.localhost:9",
  ])("accepts Host: %s", async (host) => {
    const res = await get("/api/runs", { host });
    expect(res.status).toBe(200);
    expect(res.body).toContain(runId);
  });

  it("sends no CORS headers, even to a cross-origin request or a preflight", async () => {
    const res = await get("/api/runs", { host: "127.0.0.1", origin: "http://evil.example" });
    expect(res.status).toBe(200);
    expect(Object.keys(res.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
    const preflight = await get(
      "/api/runs",
      { host: "127.0.0.1", origin: "http://evil.example", "access-control-request-method": "GET" },
      "OPTIONS",
    );
    expect(preflight.status).toBe(405);
    expect(Object.keys(preflight.headers).filter((h) => h.startsWith("access-control-"))).toEqual([]);
  });
});

describe("createHostCheck", () => {
  it("parses Host values: ports, brackets, case, trailing dot", () => {
    expect(hostnameOf("Example.COM.:80")).toBe("example.com");
    expect(hostnameOf("[::1]:5174")).toBe("::1");
    expect(hostnameOf("10.0.0.5")).toBe("10.0.0.5");
  });

  it("accepts the bound host name and allowedHosts (exact or .suffix), nothing else", () => {
    const accepts = createHostCheck({ boundHost: "lab-box", allowedHosts: ["viewer.corp", ".lan"] });
    for (const ok of ["lab-box:5174", "viewer.corp", "lan", "gpu1.lan:80", "192.168.1.4:5174", "[fe80::1]"])
      expect(accepts(ok), ok).toBe(true);
    for (const bad of ["other-box", "viewer.corp.evil", "evil-lan", "", undefined])
      expect(accepts(bad), String(bad)).toBe(false);
    expect(createHostCheck({ allowedHosts: true })("anything")).toBe(true);
    // A wildcard bind adds no name: only IP literals and localhost pass.
    expect(createHostCheck({ boundHost: "0.0.0.0" })("evil.example")).toBe(false);
  });
});
