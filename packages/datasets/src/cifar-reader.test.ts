import { chmod, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCifarBatches, readCifarArchive, readCifarDirectory } from "./cifar-reader.js";
import { DatasetAccessError, DatasetError, DatasetFormatError } from "./errors.js";
import { cifarMembers, cifarRecords, cifarTarGz, tempDir, writeCifarFolder } from "./test-fixtures.js";

const { members, hwc } = cifarMembers(3);
let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

async function rejection(p: Promise<unknown>): Promise<DatasetError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("CIFAR-10 binary", () => {
  it("decodes planar records to HWC bytes and labels", () => {
    const images = Uint8Array.from({ length: 3072 }, (_, i) => i % 251);
    const labels = Uint8Array.of(7);
    const out = parseCifarBatches([{ bytes: cifarRecords(images, labels), path: "x" }]);
    expect(Array.from(out.labels)).toEqual([7]);
    expect(out.images).toEqual(images);
  });

  it("reads the train split (five batches, in order) and the test split from an extracted folder", async () => {
    const folder = await writeCifarFolder(join(dir, "extracted"), members);
    const train = await readCifarDirectory(folder, "train");
    const test = await readCifarDirectory(folder, "test");
    expect(train).toMatchObject({ count: 15, height: 32, width: 32, channels: 3, split: "train" });
    expect(test.count).toBe(3);
    expect(train.classNames[9]).toBe("truck");
    expect(train.images.subarray(3 * 3072, 6 * 3072)).toEqual(hwc.data_batch_2!.images);
    expect(test.labels).toEqual(hwc.test_batch!.labels);
    expect(train.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it("reads the same data streamed from the tar.gz archive", async () => {
    const archive = join(dir, "cifar-10-binary.tar.gz");
    await writeFile(archive, await cifarTarGz(members));
    const { set, md5 } = await readCifarArchive(archive, "train");
    const fromDir = await readCifarDirectory(join(dir, "extracted", "cifar-10-batches-bin"), "train");
    expect(set.images).toEqual(fromDir.images);
    expect(set.labels).toEqual(fromDir.labels);
    expect(md5).toMatch(/^[0-9a-f]{32}$/);
  });

  it("rejects a batch file whose size is not a whole number of 3073-byte records", async () => {
    const folder = await writeCifarFolder(join(dir, "bad-record"), {
      ...members,
      "test_batch.bin": members["test_batch.bin"]!.subarray(0, 3073 * 2 + 100),
    });
    const error = await rejection(readCifarDirectory(folder, "test"));
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect(error.code).toBe("BAD_RECORD_SIZE");
    expect(error.path).toBe(join(folder, "test_batch.bin"));
    expect(error.message).toContain("100 bytes left over");
  });

  it("rejects a label byte above 9", async () => {
    const bad = members["test_batch.bin"]!.slice();
    bad[3073] = 12;
    const folder = await writeCifarFolder(join(dir, "bad-label"), { ...members, "test_batch.bin": bad });
    const error = await rejection(readCifarDirectory(folder, "test"));
    expect(error.code).toBe("LABEL_OUT_OF_RANGE");
    expect(error.message).toContain("label 12 at index 1");
  });

  it("rejects an archive missing a member, naming archive and member", async () => {
    const { "data_batch_4.bin": _gone, ...rest } = members;
    const archive = join(dir, "missing-member.tar.gz");
    await writeFile(archive, await cifarTarGz(rest));
    const error = await rejection(readCifarArchive(archive, "train"));
    expect(error.code).toBe("MISSING_MEMBER");
    expect(error.path).toBe(archive);
    expect(error.message).toContain("cifar-10-batches-bin/data_batch_4.bin");
    // The test split does not need that member, so it still reads.
    expect((await readCifarArchive(archive, "test")).set.count).toBe(3);
  });

  it("rejects a truncated archive", async () => {
    const gz = await cifarTarGz(members);
    const archive = join(dir, "cut.tar.gz");
    await writeFile(archive, gz.subarray(0, Math.floor(gz.length * 0.6)));
    const error = await rejection(readCifarArchive(archive, "train"));
    expect(error.code).toBe("TRUNCATED");
    expect(error.path).toBe(archive);
  });

  it("rejects a folder missing a batch file", async () => {
    const { "data_batch_1.bin": _gone, ...rest } = members;
    const folder = await writeCifarFolder(join(dir, "missing-file"), rest);
    const error = await rejection(readCifarDirectory(folder, "train"));
    expect(error.code).toBe("MISSING_MEMBER");
    expect(error.message).toContain("data_batch_1.bin");
  });

  it("reports an unreadable directory (a file in its place) with UNREADABLE and its path", async () => {
    const notDir = join(dir, "not-a-dir");
    await writeFile(notDir, "x");
    const error = await rejection(readCifarDirectory(notDir, "test"));
    expect(error).toBeInstanceOf(DatasetAccessError);
    expect(error.code).toBe("UNREADABLE");
    expect(error.path).toBe(notDir);
    expect(error.message).toContain("not a directory");
  });

  // Permission bits do not stop root, so this case only runs for ordinary users.
  it.skipIf(process.getuid?.() === 0)(
    "reports a directory without read permission as UNREADABLE",
    async () => {
      const locked = join(dir, "locked");
      await mkdir(locked);
      await chmod(locked, 0o000);
      try {
        const error = await rejection(readCifarDirectory(locked, "test"));
        expect(error.code).toBe("UNREADABLE");
        expect(error.message).toContain("permission denied");
      } finally {
        await chmod(locked, 0o755);
      }
    },
  );
});
