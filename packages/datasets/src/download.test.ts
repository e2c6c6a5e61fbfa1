import { createHash } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { downloadFile } from "./download.js";
import { ChecksumMismatchError, DownloadError } from "./errors.js";
import { tempDir } from "./test-fixtures.js";
import { type FixtureServer, startFixtureServer } from "./test-server.js";

const body = Uint8Array.from({ length: 200_000 }, (_, i) => (i * 31) & 255);
const md5 = createHash("md5").update(body).digest("hex");
const sha256 = createHash("sha256").update(body).digest("hex");
let server: FixtureServer;

beforeAll(async () => {
  server = await startFixtureServer({ "good.bin": body, "drop.bin": body }, ["drop.bin"]);
});
afterAll(() => server.close());

describe("downloadFile", () => {
  it("streams into the destination with progress and checks the digest", async () => {
    const cache = await tempDir();
    const dest = join(cache, "mnist", "good.bin");
    const seen: number[] = [];
    const result = await downloadFile(`${server.baseUrl}good.bin`, dest, {
      expected: { algorithm: "md5", digest: md5 },
      size: body.length,
      onProgress: (p) => {
        seen.push(p.received);
        expect(p.total).toBe(body.length);
      },
    });
    expect(result).toMatchObject({ path: dest, bytes: body.length, md5, sha256 });
    expect(new Uint8Array(await readFile(dest))).toEqual(body);
    expect(seen.at(-1)).toBe(body.length);
    expect(await readdir(join(cache, "mnist"))).toEqual(["good.bin"]);
  });

  it("rejects a body whose checksum differs and leaves no file behind", async () => {
    const cache = await tempDir();
    const dest = join(cache, "good.bin");
    const error = await downloadFile(`${server.baseUrl}good.bin`, dest, {
      expected: { algorithm: "sha256", digest: "0".repeat(64) },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChecksumMismatchError);
    expect((error as ChecksumMismatchError).code).toBe("CHECKSUM_MISMATCH");
    expect((error as ChecksumMismatchError).actual).toBe(sha256);
    expect((error as Error).message).toContain("good.bin");
    expect(await readdir(cache)).toEqual([]);
  });

  it("fails cleanly when the connection drops midway, leaving no partial file", async () => {
    const cache = await tempDir();
    const error = await downloadFile(`${server.baseUrl}drop.bin`, join(cache, "drop.bin"), {
      expected: { algorithm: "md5", digest: md5 },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as DownloadError).code).toBe("DOWNLOAD_FAILED");
    expect((error as Error).message).toMatch(/drop\.bin/);
    expect(await readdir(cache)).toEqual([]);
  });

  it("reports an HTTP error status", async () => {
    const cache = await tempDir();
    const error = await downloadFile(`${server.baseUrl}absent.bin`, join(cache, "absent.bin")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DownloadError);
    expect((error as Error).message).toContain("HTTP 404");
    expect(await readdir(cache)).toEqual([]);
  });
});
