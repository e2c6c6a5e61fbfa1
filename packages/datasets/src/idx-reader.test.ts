import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { DatasetError, DatasetFormatError } from "./errors.js";
import { parseIdx, readIdx } from "./idx-reader.js";
import { idxBytes, tempDir } from "./test-fixtures.js";

let dir: string;
beforeAll(async () => {
  dir = await tempDir();
});

async function fixture(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function rejection(path: string): Promise<DatasetError> {
  const error = await readIdx(path).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DatasetError);
  return error as DatasetError;
}

describe("readIdx", () => {
  it("reads raw and gzip files to the same uint8 array with its shape", async () => {
    const body = Uint8Array.from({ length: 2 * 3 * 4 }, (_, i) => i * 7);
    const bytes = idxBytes(8, [2, 3, 4], body);
    const raw = await readIdx(await fixture("ok-idx3", bytes));
    const gz = await readIdx(await fixture("ok-idx3.gz", gzipSync(bytes)));
    for (const a of [raw, gz]) {
      expect(a.dtype).toBe("uint8");
      expect(a.shape).toEqual([2, 3, 4]);
      expect(Array.from(a.data)).toEqual(Array.from(body));
    }
  });

  it("decodes big-endian int16, int32, float32 and float64 into native order", () => {
    const be = (n: number, write: (v: DataView, i: number) => void) => {
      const b = new Uint8Array(n);
      write(new DataView(b.buffer), 0);
      return b;
    };
    const i16 = parseIdx(
      idxBytes(
        0x0b,
        [1],
        be(2, (v) => v.setInt16(0, -300, false)),
      ),
      "a",
    );
    const i32 = parseIdx(
      idxBytes(
        0x0c,
        [1],
        be(4, (v) => v.setInt32(0, -70000, false)),
      ),
      "b",
    );
    const f32 = parseIdx(
      idxBytes(
        0x0d,
        [1],
        be(4, (v) => v.setFloat32(0, 1.5, false)),
      ),
      "c",
    );
    const f64 = parseIdx(
      idxBytes(
        0x0e,
        [1],
        be(8, (v) => v.setFloat64(0, -2.25, false)),
      ),
      "d",
    );
    expect([i16.data[0], i32.data[0], f32.data[0], f64.data[0]]).toEqual([-300, -70000, 1.5, -2.25]);
    expect([i16.dtype, i32.dtype, f32.dtype, f64.dtype]).toEqual(["int16", "int32", "float32", "float64"]);
  });

  it("rejects a truncated body, naming the file and both sizes", async () => {
    const bytes = idxBytes(8, [10, 28, 28]).subarray(0, 4 + 12 + 100);
    const path = await fixture("truncated-idx3", bytes);
    const error = await rejection(path);
    expect(error).toBeInstanceOf(DatasetFormatError);
    expect(error.code).toBe("TRUNCATED");
    expect(error.path).toBe(path);
    expect(error.message).toContain(path);
    expect(error.message).toContain("need 7856");
  });

  it("rejects a file cut inside its header", async () => {
    const error = await rejection(await fixture("short-header", idxBytes(8, [10, 28, 28]).subarray(0, 9)));
    expect(error.code).toBe("TRUNCATED");
    expect(error.message).toContain("header");
  });

  it("rejects a truncated gzip stream as TRUNCATED", async () => {
    const gz = gzipSync(
      idxBytes(
        8,
        [50, 28, 28],
        Uint8Array.from({ length: 50 * 784 }, (_, i) => i),
      ),
    );
    const error = await rejection(await fixture("cut.gz", gz.subarray(0, gz.length >> 1)));
    expect(error.code).toBe("TRUNCATED");
  });

  it("rejects a wrong magic number, showing the bytes", async () => {
    const bytes = idxBytes(8, [1]);
    bytes[0] = 0x50;
    bytes[1] = 0x4b;
    const error = await rejection(await fixture("zip-not-idx", bytes));
    expect(error.code).toBe("BAD_MAGIC");
    expect(error.message).toContain("50 4b");
  });

  it("rejects an unknown dtype code", async () => {
    const error = await rejection(await fixture("dtype-0x0a", idxBytes(0x0a, [3])));
    expect(error.code).toBe("UNKNOWN_DTYPE");
    expect(error.message).toContain("0x0a");
  });

  it("rejects bytes beyond what the dimensions declare", async () => {
    const bytes = new Uint8Array([...idxBytes(8, [3]), 1, 2]);
    const error = await rejection(await fixture("extra", bytes));
    expect(error.code).toBe("SIZE_MISMATCH");
    expect(error.message).toContain("2 extra");
  });

  it("reports a missing file as NOT_FOUND with its path", async () => {
    const path = join(dir, "nope-idx1");
    const error = await rejection(path);
    expect(error.code).toBe("NOT_FOUND");
    expect(error.path).toBe(path);
  });
});
