import { existsSync, readdirSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { DATASETS } from "@mlp-lab/datasets";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mlp, tempDir } from "./cli.js";

// The registry pins the published MD5 of each gzip file, which no generated fixture can match: these tests
// drive the failure path offline. The mirror serves bytes of exactly the registry's size (so the size check
// passes) but the wrong content, which must be refused by its checksum and leave nothing in the cache.

/** Every file under `dir`, recursively, relative to it (hidden and `.part` files included). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

describe("mlp datasets download --mirror", () => {
  const cwd = tempDir("mlp-cli-download-");
  const requests: string[] = [];
  let server: Server;
  let mirror = "";
  let missing = "";

  beforeAll(async () => {
    const sizes = new Map(DATASETS.mnist.files.map((f) => [f.name, f.size]));
    server = createServer((req, res) => {
      const url = req.url ?? "/";
      requests.push(url);
      const [, folder, name = ""] = url.split("/");
      const size = sizes.get(name);
      if (folder !== "wrong" || size === undefined) {
        res.writeHead(404).end("not found");
        return;
      }
      res.writeHead(200, { "content-length": size, "content-type": "application/octet-stream" });
      res.end(Buffer.alloc(size, 0x5a));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    mirror = `http://127.0.0.1:${port}/wrong/`;
    missing = `http://127.0.0.1:${port}/missing/`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("refuses wrong bytes by their checksum, names the file, exits 1 and leaves no partial file", async () => {
    const cache = join(cwd, "cache");
    const r = await mlp(
      ["datasets", "download", "mnist", "--mirror", mirror, "--cache-dir", cache, "--no-installed"],
      cwd,
      { MLP_DATA_DIR: "" },
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(
      /mlp: error: mnist train: no usable source; tried:[\s\S]*download http:\/\/127\.0\.0\.1:\d+\/wrong\/train-images-idx3-ubyte\.gz: md5 is [0-9a-f]{32}, expected f68b3c2dcbeaaa9fbdd348bbdeb94873 \[CHECKSUM_MISMATCH\]/,
    );
    // The first file failed, so nothing else was fetched, and the cache holds no file (not even a .part).
    expect(requests).toEqual(["/wrong/train-images-idx3-ubyte.gz"]);
    expect(existsSync(join(cache, "mnist"))).toBe(true);
    expect(filesUnder(cache)).toEqual([]);
  });

  it("tries each --mirror in order and reports every attempt", async () => {
    requests.length = 0;
    const cache = join(cwd, "cache-2");
    const r = await mlp(
      [
        "datasets",
        "download",
        "mnist",
        "--mirror",
        missing,
        "--mirror",
        mirror,
        "--cache-dir",
        cache,
        "--no-installed",
        "--json",
      ],
      cwd,
      { MLP_DATA_DIR: "" },
    );
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe("");
    expect(requests).toEqual(["/missing/train-images-idx3-ubyte.gz", "/wrong/train-images-idx3-ubyte.gz"]);
    expect(r.stderr).toMatch(/missing\/train-images-idx3-ubyte\.gz: HTTP 404/);
    expect(r.stderr).toMatch(
      /wrong\/train-images-idx3-ubyte\.gz: md5 is [0-9a-f]{32}.*\[CHECKSUM_MISMATCH\]/,
    );
    expect(filesUnder(cache)).toEqual([]);
  });

  it("rejects a --mirror that is not an http(s) URL as a usage error", async () => {
    const r = await mlp(["datasets", "download", "mnist", "--mirror", "ftp://example.org/mnist/"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--mirror must be an http:// or https:// URL, got "ftp://example.org/mnist/"');
  });
});
