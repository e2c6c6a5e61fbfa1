// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createStaticHandler } from "./static-files.js";

describe("createStaticHandler", () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "viewer-static-"));
    const app = join(root, "app");
    mkdirSync(join(app, "assets"), { recursive: true });
    writeFileSync(join(app, "index.html"), "<!doctype html><title>viewer</title>");
    writeFileSync(join(app, "assets", "index-abc.js"), "console.log(1)");
    writeFileSync(join(root, "secret.txt"), "secret");
    symlinkSync(join(root, "secret.txt"), join(app, "leak.txt"));
    const handle = await createStaticHandler(app);
    server = createServer((req, res) => void handle(req, res));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((done) => server.close(done));
    rmSync(root, { recursive: true, force: true });
  });

  it("serves index.html at / and hashed assets as immutable", async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(page.headers.get("cache-control")).toBe("no-cache");
    expect(await page.text()).toContain("<title>viewer</title>");
    const asset = await fetch(`${base}/assets/index-abc.js`);
    expect(asset.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(asset.headers.get("cache-control")).toContain("immutable");
  });

  it("refuses paths that leave the app folder, directly or through a symlink", async () => {
    expect((await fetch(`${base}/..%2fsecret.txt`)).status).toBe(400);
    expect((await fetch(`${base}/assets%5c..%5c..%5csecret.txt`)).status).toBe(400);
    expect((await fetch(`${base}/leak.txt`)).status).toBe(404);
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
  });

  it("answers 404 for unknown files and 405 for writes", async () => {
    expect((await fetch(`${base}/nope.js`)).status).toBe(404);
    const post = await fetch(`${base}/`, { method: "POST" });
    expect(post.status).toBe(405);
    expect(post.headers.get("allow")).toBe("GET, HEAD");
  });
});
