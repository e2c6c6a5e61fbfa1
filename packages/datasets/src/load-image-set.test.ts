import { createHash } from "node:crypto";
import { mkdir, readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DatasetUnavailableError } from "./errors.js";
import { type LoadImageSetOptions, loadImageSet } from "./load-image-set.js";
import {
  cifarMembers,
  cifarTarGz,
  idxBytes,
  tempDir,
  writeCifarFolder,
  writeMnistLike,
} from "./test-fixtures.js";
import { type FixtureServer, startFixtureServer } from "./test-server.js";

/** Options that keep a test away from the real cache, the installed sources and the network. */
async function isolated(extra: LoadImageSetOptions = {}): Promise<LoadImageSetOptions> {
  return { cacheDir: await tempDir(), installed: false, download: false, env: {}, ...extra };
}

async function unavailable(p: Promise<unknown>): Promise<DatasetUnavailableError> {
  const error = await p.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(DatasetUnavailableError);
  return error as DatasetUnavailableError;
}

describe("loadImageSet source resolution", () => {
  it("reads an explicit dataDir (raw IDX) and warns that the content is not the published one", async () => {
    const dataDir = await tempDir();
    const data = await writeMnistLike(dataDir, { count: 12 });
    const warnings: string[] = [];
    const set = await loadImageSet(
      "mnist",
      "train",
      await isolated({ dataDir, onWarning: (m) => warnings.push(m) }),
    );
    expect(set).toMatchObject({
      name: "mnist",
      split: "train",
      count: 12,
      height: 28,
      channels: 1,
      source: dataDir,
    });
    expect(set.labels).toEqual(data.labels);
    expect(set.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain("differs from the published mnist file's ba891046");
  });

  it("finds gzip files under <dataDir>/<name> and torchvision's MNIST/raw", async () => {
    const a = await tempDir();
    await writeMnistLike(join(a, "fashion-mnist"), { split: "test", count: 5, gz: true });
    expect((await loadImageSet("fashion-mnist", "test", await isolated({ dataDir: a }))).count).toBe(5);
    const b = await tempDir();
    await writeMnistLike(join(b, "MNIST", "raw"), { split: "test", count: 6, gz: true });
    expect((await loadImageSet("mnist", "test", await isolated({ dataDir: b }))).count).toBe(6);
  });

  it("uses MLP_DATA_DIR after dataDir, then the cache", async () => {
    const envDir = await tempDir();
    await writeMnistLike(envDir, { count: 7 });
    const fromEnv = await loadImageSet("mnist", "train", await isolated({ env: { MLP_DATA_DIR: envDir } }));
    expect(fromEnv.count).toBe(7);
    const cacheDir = await tempDir();
    await writeMnistLike(join(cacheDir, "mnist"), { count: 8, gz: true });
    const fromCache = await loadImageSet("mnist", "train", await isolated({ cacheDir }));
    expect(fromCache.count).toBe(8);
    // XDG_CACHE_HOME decides the default cache.
    const xdg = await tempDir();
    await writeMnistLike(join(xdg, "mlp-lab", "mnist"), { count: 9 });
    const { cacheDir: _unused, ...noCache } = await isolated({ env: { XDG_CACHE_HOME: xdg } });
    expect((await loadImageSet("mnist", "train", noCache)).count).toBe(9);
  });

  it("skips a corrupt dataDir for the next source with a warning naming the fault", async () => {
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { count: 4 });
    await writeFile(join(dataDir, "train-labels-idx1-ubyte"), idxBytes(8, [3], Uint8Array.of(1, 2, 3)));
    const cacheDir = await tempDir();
    await writeMnistLike(join(cacheDir, "mnist"), { count: 10 });
    const warnings: string[] = [];
    const set = await loadImageSet(
      "mnist",
      "train",
      await isolated({ dataDir, cacheDir, onWarning: (m) => warnings.push(m) }),
    );
    expect(set.count).toBe(10);
    expect(warnings.find((w) => w.startsWith("skipped dataDir"))).toMatch(/COUNT_MISMATCH/);
  });

  it("lists every place tried and why when nothing works", async () => {
    const dataDir = join(await tempDir(), "missing");
    const notDir = join(await tempDir(), "file");
    await writeFile(notDir, "x");
    const error = await unavailable(
      loadImageSet("mnist", "test", await isolated({ dataDir, env: { MLP_DATA_DIR: notDir } })),
    );
    expect(error.code).toBe("UNAVAILABLE");
    const places = error.attempts.map((a) => a.place);
    expect(places[0]).toBe(`dataDir ${dataDir}`);
    expect(places[1]).toBe(`MLP_DATA_DIR ${notDir}`);
    expect(places[2]).toMatch(/^cache .*mnist$/);
    expect(places.slice(3)).toEqual(["installed offline sources", "download"]);
    expect(error.attempts[0]!.reason).toContain("no such directory");
    expect(error.attempts[1]!.reason).toContain("UNREADABLE");
    expect(error.message).toContain("5. download: disabled");
  });

  it("reads CIFAR-10 from an extracted folder or the archive in dataDir", async () => {
    const { members } = cifarMembers(2);
    const folderRoot = await tempDir();
    await writeCifarFolder(folderRoot, members);
    const fromFolder = await loadImageSet("cifar10", "train", await isolated({ dataDir: folderRoot }));
    expect(fromFolder).toMatchObject({
      count: 10,
      channels: 3,
      source: join(folderRoot, "cifar-10-batches-bin"),
    });
    const archiveRoot = await tempDir();
    await writeFile(join(archiveRoot, "cifar-10-binary.tar.gz"), await cifarTarGz(members));
    const warnings: string[] = [];
    const fromArchive = await loadImageSet(
      "cifar10",
      "train",
      await isolated({ dataDir: archiveRoot, onWarning: (m) => warnings.push(m) }),
    );
    expect(fromArchive.images).toEqual(fromFolder.images);
    expect(warnings[0]).toContain("differs from the published cifar-10-binary.tar.gz's c32a1d4a");
  });
});

describe("loadImageSet downloads", () => {
  let server: FixtureServer;
  beforeAll(async () => {
    const { members } = cifarMembers(1);
    server = await startFixtureServer({
      // Right size (the registry's), wrong bytes: only the checksum can catch it.
      "t10k-images-idx3-ubyte.gz": new Uint8Array(1648877).fill(7),
      "cifar-10-binary.tar.gz": await cifarTarGz(members),
    });
  });
  afterAll(() => server.close());

  it("rejects a download of the wrong size and leaves nothing in the cache", async () => {
    const cacheDir = await tempDir();
    await mkdir(join(cacheDir, "cifar10"), { recursive: true });
    const error = await unavailable(
      loadImageSet(
        "cifar10",
        "test",
        await isolated({ cacheDir, download: true, mirrors: [server.baseUrl] }),
      ),
    );
    const last = error.attempts.at(-1)!;
    expect(last.place).toBe(`download ${server.baseUrl}cifar-10-binary.tar.gz`);
    expect(last.reason).toContain("the registry expects 170052171 [DOWNLOAD_FAILED]");
    expect(await readdir(join(cacheDir, "cifar10"))).toEqual([]);
  });

  it("tries each mirror in turn and rejects a file whose checksum differs, leaving nothing in the cache", async () => {
    const cacheDir = await tempDir();
    const error = await unavailable(
      loadImageSet(
        "mnist",
        "test",
        await isolated({ cacheDir, download: true, mirrors: [`${server.baseUrl}nowhere/`, server.baseUrl] }),
      ),
    );
    const downloads = error.attempts.filter((a) => a.place.startsWith("download"));
    expect(downloads).toHaveLength(2);
    expect(downloads[0]!.reason).toContain("HTTP 404");
    expect(downloads[1]!.reason).toContain("CHECKSUM_MISMATCH");
    expect(downloads[1]!.reason).toContain("expected 9fb629c4189551a2d022fa330f9573f3");
    expect(await readdir(join(cacheDir, "mnist"))).toEqual([]);
  });
});

describe("loadImageSet download end to end", () => {
  const images = gzipSync(idxBytes(8, [3, 28, 28], new Uint8Array(3 * 784).fill(9)));
  const labels = gzipSync(idxBytes(8, [3], Uint8Array.of(4, 5, 6)));
  const published = (name: string, bytes: Uint8Array) => ({
    name,
    size: bytes.length,
    md5: createHash("md5").update(bytes).digest("hex"),
  });
  // A mirror that re-packed the files: the caller passes their sizes and MD5s.
  const remoteFiles = [
    published("t10k-images-idx3-ubyte.gz", images),
    published("t10k-labels-idx1-ubyte.gz", labels),
  ];
  const files = { "t10k-images-idx3-ubyte.gz": images, "t10k-labels-idx1-ubyte.gz": labels };

  it("downloads into the cache with progress, then reads from the cache without the server", async () => {
    const server = await startFixtureServer(files);
    const cacheDir = await tempDir();
    const progress: string[] = [];
    const opts = await isolated({ cacheDir, download: true, mirrors: [server.baseUrl], remoteFiles });
    const set = await loadImageSet("mnist", "test", { ...opts, onProgress: (p) => progress.push(p.file) });
    await server.close();
    expect(set).toMatchObject({ count: 3, source: join(cacheDir, "mnist") });
    expect(Array.from(set.labels)).toEqual([4, 5, 6]);
    expect(progress).toContain(`${server.baseUrl}t10k-labels-idx1-ubyte.gz`);
    expect((await readdir(join(cacheDir, "mnist"))).sort()).toEqual([
      "t10k-images-idx3-ubyte.gz",
      "t10k-labels-idx1-ubyte.gz",
    ]);
    const again = await loadImageSet("mnist", "test", { ...opts, download: false });
    expect(again.labels).toEqual(set.labels);
  });

  it("replaces a corrupt cached file by a fresh download, warning about the skipped cache", async () => {
    const server = await startFixtureServer(files);
    const cacheDir = await tempDir();
    await mkdir(join(cacheDir, "mnist"));
    await writeFile(join(cacheDir, "mnist", "t10k-images-idx3-ubyte.gz"), images.subarray(0, 40));
    await writeFile(join(cacheDir, "mnist", "t10k-labels-idx1-ubyte.gz"), labels);
    const warnings: string[] = [];
    const set = await loadImageSet(
      "mnist",
      "test",
      await isolated({
        cacheDir,
        download: true,
        mirrors: [server.baseUrl],
        remoteFiles,
        onWarning: (m) => warnings.push(m),
      }),
    );
    await server.close();
    expect(set.count).toBe(3);
    expect(warnings.join("\n")).toMatch(/skipped cache .*TRUNCATED/);
  });

  it("leaves no partial file in the cache when the connection drops midway", async () => {
    const server = await startFixtureServer(files, ["t10k-labels-idx1-ubyte.gz"]);
    const cacheDir = await tempDir();
    const error = await unavailable(
      loadImageSet(
        "mnist",
        "test",
        await isolated({ cacheDir, download: true, mirrors: [server.baseUrl], remoteFiles }),
      ),
    );
    await server.close();
    expect(error.attempts.at(-1)!.reason).toContain("DOWNLOAD_FAILED");
    // The images file completed and was verified; the dropped labels file left nothing.
    expect(await readdir(join(cacheDir, "mnist"))).toEqual(["t10k-images-idx3-ubyte.gz"]);
  });
});
