// @vitest-environment node
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCourseDataHandler } from "./course-data.js";
import { type ViewerServer, startViewerServer } from "./start-viewer-server.js";
import { ViewerServerError } from "./viewer-server-error.js";

// `mlp serve` with the course: the page at /course/, its data from a local copy (only the listed names),
// the static build's own data/ for a set without a local copy, and the viewer's safety rules on all of it.

/** A raw GET with a chosen path and Host header (fetch normalises `..` away and forbids setting Host). */
function rawGet(url: string, path: string, host?: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((done, fail) => {
    const req = request({ hostname, port, path, method: "GET", headers: host ? { host } : {} }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", fail);
    req.end();
  });
}

describe("startViewerServer with the course page", () => {
  let root: string;
  let server: ViewerServer;
  const imagesGz = Uint8Array.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 250, 251]);
  const labels = Uint8Array.from([0, 0, 8, 1, 0, 0, 0, 2, 7, 3]);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), "viewer-course-"));
    mkdirSync(join(root, "app"));
    writeFileSync(join(root, "app", "index.html"), "<!doctype html><title>viewer</title>");
    mkdirSync(join(root, "course", "assets"), { recursive: true });
    mkdirSync(join(root, "course", "data", "fashion-mnist"), { recursive: true });
    writeFileSync(join(root, "course", "index.html"), "<!doctype html><title>course</title>");
    writeFileSync(join(root, "course", "assets", "index-abc.js"), "console.log(1)");
    writeFileSync(join(root, "course", "data", "fashion-mnist", "t10k-labels-idx1-ubyte.gz"), "static");
    const local = join(root, "mnist-copy");
    mkdirSync(local);
    writeFileSync(join(local, "train-images-idx3-ubyte.gz"), imagesGz);
    writeFileSync(join(local, "t10k-labels-idx1-ubyte"), labels);
    writeFileSync(join(local, "secret.txt"), "secret");
    symlinkSync(join(local, "secret.txt"), join(local, "t10k-images-idx3-ubyte"));
    server = await startViewerServer({
      runsDir: join(root, "runs"),
      appDir: join(root, "app"),
      courseDir: join(root, "course"),
      courseData: {
        mnist: {
          dir: local,
          files: ["train-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "t10k-labels-idx1-ubyte"],
        },
      },
    });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
  });

  it("serves the page at /course/ (and redirects /course there), the viewer still at /", async () => {
    expect(server.courseUrl).toBe(`${server.url}course/`);
    const page = await fetch(`${server.url}course/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("<title>course</title>");
    const asset = await fetch(`${server.url}course/assets/index-abc.js`);
    expect(asset.headers.get("cache-control")).toContain("immutable");
    const bare = await fetch(`${server.url}course`, { redirect: "manual" });
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/course/");
    expect(await (await fetch(server.url)).text()).toContain("<title>viewer</title>");
  });

  it("offers the local data copy byte for byte, as stored, without CORS headers", async () => {
    const gz = await fetch(`${server.url}course/data/mnist/train-images-idx3-ubyte.gz`);
    expect(gz.status).toBe(200);
    expect(gz.headers.get("content-type")).toBe("application/gzip");
    expect(gz.headers.get("content-encoding")).toBeNull();
    expect(gz.headers.get("access-control-allow-origin")).toBeNull();
    expect(new Uint8Array(await gz.arrayBuffer())).toEqual(imagesGz);
    // A listed name the copy lacks is a 404, so the page asks for the raw name next.
    expect((await fetch(`${server.url}course/data/mnist/t10k-labels-idx1-ubyte.gz`)).status).toBe(404);
    const raw = await fetch(`${server.url}course/data/mnist/t10k-labels-idx1-ubyte`);
    expect(new Uint8Array(await raw.arrayBuffer())).toEqual(labels);
    expect(raw.headers.get("content-length")).toBe(String(labels.length));
  });

  it("serves nothing else from the data folder, and refuses traversal and foreign hosts", async () => {
    // Not listed (though a symlink of that name exists in the folder), or not a data file at all.
    expect((await fetch(`${server.url}course/data/mnist/t10k-images-idx3-ubyte`)).status).toBe(404);
    expect((await fetch(`${server.url}course/data/mnist/secret.txt`)).status).toBe(404);
    // A literal `..` is resolved by URL parsing first: /etc/passwd, outside every mounted folder.
    const dotted = await rawGet(server.url, "/course/data/mnist/../../../etc/passwd");
    expect(dotted.status).toBe(404);
    expect(dotted.body).not.toContain("root:");
    expect((await rawGet(server.url, "/course/data/mnist/..%2f..%2fsecret.txt")).status).toBe(400);
    expect((await rawGet(server.url, "/course/..%2f..%2fapp/index.html")).status).toBe(400);
    const foreign = await rawGet(server.url, "/course/data/mnist/train-images-idx3-ubyte.gz", "evil.example");
    expect(foreign.status).toBe(403);
    expect(
      (await fetch(`${server.url}course/data/mnist/train-images-idx3-ubyte.gz`, { method: "POST" })).status,
    ).toBe(405);
  });

  it("falls back to the page's own data/ for a set without a local copy", async () => {
    const res = await fetch(`${server.url}course/data/fashion-mnist/t10k-labels-idx1-ubyte.gz`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("static");
  });

  it("says how to build the course when its folder has no page, and refuses unsafe names", async () => {
    const error = await startViewerServer({
      runsDir: root,
      appDir: join(root, "app"),
      courseDir: join(root, "nowhere"),
    }).catch((e: unknown) => e);
    expect((error as ViewerServerError).code).toBe("COURSE_NOT_BUILT");
    expect(error).toBeInstanceOf(ViewerServerError);
    expect((error as Error).message).toContain("pnpm --filter @mlp-lab/course-web build");
    expect(() => createCourseDataHandler({ mnist: { dir: root, files: ["../x"] } })).toThrow(/unsafe name/);
  });
});
