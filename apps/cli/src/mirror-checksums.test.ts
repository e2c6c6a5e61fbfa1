import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DATASETS } from "@mlp-lab/datasets";
import { describe, expect, it } from "vitest";
import { UsageError } from "./cli-error.js";
import { readMirrorChecksums } from "./mirror-checksums.js";

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), "mlp-checksums-")), "checksums.json");
  writeFileSync(path, content);
  return path;
}

describe("--checksums <file>", () => {
  it("replaces size and MD5 and keeps the content checksum of a known file", () => {
    const md5 = "0123456789abcdef0123456789abcdef";
    const [entry] = readMirrorChecksums(
      file(JSON.stringify([{ name: "t10k-labels-idx1-ubyte.gz", size: 4000, md5 }])),
    );
    const known = DATASETS.mnist.files.find((f) => f.name === "t10k-labels-idx1-ubyte.gz");
    expect(entry).toEqual({ ...known, size: 4000, md5 });
    expect(entry?.rawSha256).toBe(known?.rawSha256);
  });

  const bad: [string, string, RegExp][] = [
    ["not JSON", "{", /cannot read it as JSON/],
    [
      "no name",
      '[{"size":1,"md5":"0123456789abcdef0123456789abcdef"}]',
      /: \[0\]\.name: must be a file name$/,
    ],
  ];
  for (const [what, content, message] of bad) {
    it(`rejects ${what}, naming the file`, () => {
      const path = file(content);
      expect(() => readMirrorChecksums(path)).toThrow(UsageError);
      expect(() => readMirrorChecksums(path)).toThrow(message);
      expect(() => readMirrorChecksums(path)).toThrow(path);
    });
  }
});
