import { createHash } from "node:crypto";
import { mkdir, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { splitSourceRecord } from "./data-source.js";
import { DatasetUnavailableError, NamedSourceError } from "./errors.js";
import { type LoadImageSetOptions, loadImageSet } from "./load-image-set.js";
import { subsetImageSet } from "./subset-image-set.js";
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

  it("uses MLP_DATA_DIR when no dataDir is given, then the cache", async () => {
    const envDir = await tempDir();
    await writeMnistLike(envDir, { count: 7 });
    const fromEnv = await loadImageSet("mnist", "train", await isolated({ env: { MLP_DATA_DIR: envDir } }));
    expect(fromEnv).toMatchObject({ count: 7, origin: "MLP_DATA_DIR", source: envDir });
    const cacheDir = await tempDir();
    await writeMnistLike(join(cacheDir, "mnist"), { count: 8, gz: true });
    const fromCache = await loadImageSet("mnist", "train", await isolated({ cacheDir }));
    expect(fromCache).toMatchObject({ count: 8, origin: "cache" });
    // XDG_CACHE_HOME decides the default cache.
    const xdg = await tempDir();
    await writeMnistLike(join(xdg, "mlp-lab", "mnist"), { count: 9 });
    const { cacheDir: _unused, ...noCache } = await isolated({ env: { XDG_CACHE_HOME: xdg } });
    expect((await loadImageSet("mnist", "train", noCache)).count).toBe(9);
  });

  it("takes dataDir over MLP_DATA_DIR", async () => {
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { count: 5 });
    const envDir = await tempDir();
    await writeMnistLike(envDir, { count: 6 });
    const set = await loadImageSet(
      "mnist",
      "train",
      await isolated({ dataDir, env: { MLP_DATA_DIR: envDir } }),
    );
    expect(set).toMatchObject({ count: 5, origin: "dataDir", source: dataDir });
  });

  it("never falls back from a named folder whose file is truncated: the error names the file", async () => {
    // The defect: the test split silently came from the cache while the train split came from dataDir.
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { split: "train", count: 4 });
    await writeMnistLike(dataDir, { split: "test", count: 3 });
    const labels = join(dataDir, "t10k-labels-idx1-ubyte");
    await writeFile(labels, idxBytes(8, [3], Uint8Array.of(1, 2, 3)).subarray(0, 10));
    const cacheDir = await tempDir();
    await writeMnistLike(join(cacheDir, "mnist"), { split: "test", count: 10 });
    for (const opts of [{ dataDir }, { env: { MLP_DATA_DIR: dataDir } }]) {
      const error = await loadImageSet("mnist", "test", await isolated({ cacheDir, ...opts })).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(NamedSourceError);
      const named = error as NamedSourceError;
      expect(named.code).toBe("TRUNCATED");
      expect(named.path).toBe(labels);
      expect(named.message).toContain(`${labels}: file has 10 bytes`);
      expect(named.kind).toBe("dataDir" in opts ? "dataDir" : "MLP_DATA_DIR");
    }
    // The intact split of the same folder still loads, from that folder.
    const train = await loadImageSet("mnist", "train", await isolated({ dataDir, cacheDir }));
    expect(train).toMatchObject({ count: 4, source: dataDir, origin: "dataDir" });
  });

  it("names the missing file of a half pair, and a named folder without the set", async () => {
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { split: "test", count: 3 });
    await rm(join(dataDir, "t10k-labels-idx1-ubyte"));
    const cacheDir = await tempDir();
    await writeMnistLike(join(cacheDir, "mnist"), { split: "test", count: 10 });
    const half = (await loadImageSet("mnist", "test", await isolated({ dataDir, cacheDir })).catch(
      (e: unknown) => e,
    )) as NamedSourceError;
    expect(half).toBeInstanceOf(NamedSourceError);
    expect(half.path).toBe(join(dataDir, "t10k-labels-idx1-ubyte"));
    expect(half.message).toContain("missing");
    // Train files absent from a folder that holds the test files: an error, not the cache's train split.
    await writeMnistLike(join(cacheDir, "mnist"), { split: "train", count: 10 });
    const noTrain = await loadImageSet("mnist", "train", await isolated({ dataDir, cacheDir })).catch(
      (e: unknown) => e,
    );
    expect(noTrain).toBeInstanceOf(NamedSourceError);
    expect((noTrain as NamedSourceError).code).toBe("NOT_FOUND");
    const empty = await tempDir();
    const none = (await loadImageSet("mnist", "test", await isolated({ dataDir: empty, cacheDir })).catch(
      (e: unknown) => e,
    )) as NamedSourceError;
    expect(none).toBeInstanceOf(NamedSourceError);
    expect(none.message).toMatch(/holds no mnist files .*t10k-labels-idx1-ubyte/);
    expect([none.setAbsent, half.setAbsent]).toEqual([true, false]);
    const missing = join(empty, "nope");
    const gone = (await loadImageSet("mnist", "test", await isolated({ dataDir: missing, cacheDir })).catch(
      (e: unknown) => e,
    )) as NamedSourceError;
    expect(gone.message).toContain(`${missing}: no such directory`);
  });

  it("records each split's origin, files and digests for run metadata", async () => {
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { split: "test", count: 3, gz: true });
    const set = await loadImageSet("mnist", "test", await isolated({ dataDir }));
    const record = splitSourceRecord(set);
    const gz = join(dataDir, "t10k-images-idx3-ubyte.gz");
    const stored = createHash("sha256")
      .update(await readFile(gz))
      .digest("hex");
    expect(record).toMatchObject({ split: "test", source: dataDir, origin: "dataDir", sha256: set.sha256 });
    expect(record.files.map((f) => f.path)).toEqual([gz, join(dataDir, "t10k-labels-idx1-ubyte.gz")]);
    expect(record.files[0]!.sha256).toBe(stored);
    expect(() => splitSourceRecord(subsetImageSet(set, [0]))).toThrow(/carries no content digest/);
  });

  it("reports a corrupt cache's fault among the places tried", async () => {
    const cacheDir = await tempDir();
    await writeMnistLike(join(cacheDir, "mnist"), { count: 4 });
    await writeFile(
      join(cacheDir, "mnist", "train-labels-idx1-ubyte"),
      idxBytes(8, [3], Uint8Array.of(1, 2, 3)),
    );
    const warnings: string[] = [];
    const error = await unavailable(
      loadImageSet("mnist", "train", await isolated({ cacheDir, onWarning: (m) => warnings.push(m) })),
    );
    expect(error.attempts[0]!.reason).toMatch(/COUNT_MISMATCH/);
  });

  it("lists every place tried and why when nothing works", async () => {
    const notDir = join(await tempDir(), "file");
    await writeFile(notDir, "x");
    const error = await unavailable(loadImageSet("mnist", "test", await isolated({ cacheDir: notDir })));
    expect(error.code).toBe("UNAVAILABLE");
    const places = error.attempts.map((a) => a.place);
    expect(places[0]).toBe(`cache ${join(notDir, "mnist")}`);
    expect(places.slice(1)).toEqual(["installed offline sources", "download"]);
    expect(error.attempts[0]!.reason).toContain("UNREADABLE");
    expect(error.message).toContain("3. download: disabled");
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
