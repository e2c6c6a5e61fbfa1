import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { NamedSourceError } from "./errors.js";
import { locateImageSet } from "./locate-image-set.js";
import { tempDir, writeMnistLike } from "./test-fixtures.js";

const isolated = async () => ({ cacheDir: await tempDir(), installed: false, env: {} });

describe("locateImageSet", () => {
  it("says where a split is read from, with its size and digest", async () => {
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { split: "test", count: 7 });
    const where = await locateImageSet("mnist", "test", { ...(await isolated()), dataDir });
    expect(where).toMatchObject({ found: true, source: dataDir, count: 7 });
    expect(where.found && where.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reports a split that is nowhere as not found, with the reason, and never downloads", async () => {
    const where = await locateImageSet("fashion-mnist", "test", await isolated());
    expect(where.found).toBe(false);
    expect(!where.found && where.reason).toBeTruthy();
    const empty = await locateImageSet("mnist", "test", { ...(await isolated()), dataDir: await tempDir() });
    expect(empty.found).toBe(false);
  });

  it("throws for a named folder that is broken for the set rather than hiding it", async () => {
    const dataDir = await tempDir();
    await writeMnistLike(dataDir, { split: "test", count: 5 });
    await writeFile(join(dataDir, "t10k-images-idx3-ubyte"), new Uint8Array(20));
    await expect(locateImageSet("mnist", "test", { ...(await isolated()), dataDir })).rejects.toBeInstanceOf(
      NamedSourceError,
    );
  });
});
