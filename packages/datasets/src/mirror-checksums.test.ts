import { describe, expect, it } from "vitest";
import { DatasetFormatError } from "./errors.js";
import { parseMirrorChecksums } from "./mirror-checksums.js";
import { DATASETS } from "./registry.js";

describe("parseMirrorChecksums", () => {
  it("replaces size and MD5 and keeps the content checksum of a known file", () => {
    const md5 = "0123456789abcdef0123456789abcdef";
    const [entry] = parseMirrorChecksums(
      JSON.stringify([{ name: "t10k-labels-idx1-ubyte.gz", size: 4000, md5 }]),
      "sums.json",
    );
    const known = DATASETS.mnist.files.find((f) => f.name === "t10k-labels-idx1-ubyte.gz");
    expect(entry).toEqual({ ...known, size: 4000, md5 });
    expect(entry?.rawSha256).toBe(known?.rawSha256);
  });

  const bad: [string, string, RegExp][] = [
    ["not JSON", "{", /cannot read it as JSON/],
    ["not an array", "{}", /expected a JSON array/],
    ["no name", '[{"size":1,"md5":"0123456789abcdef0123456789abcdef"}]', /\[0\]\.name: must be a file name/],
    [
      "bad size",
      '[{"name":"t10k-labels-idx1-ubyte.gz","size":0,"md5":"0123456789abcdef0123456789abcdef"}]',
      /\[0\]\.size/,
    ],
    [
      "bad md5",
      '[{"name":"t10k-labels-idx1-ubyte.gz","size":1,"md5":"xyz"}]',
      /\[0\]\.md5: must be 32 lowercase hex digits/,
    ],
    [
      "unknown file",
      '[{"name":"other.gz","size":1,"md5":"0123456789abcdef0123456789abcdef"}]',
      /other\.gz is no file of a known data set/,
    ],
  ];
  for (const [what, content, message] of bad) {
    it(`rejects ${what}, naming the source`, () => {
      const parse = () => parseMirrorChecksums(content, "mirror/sums.json");
      expect(parse).toThrow(DatasetFormatError);
      expect(parse).toThrow(message);
      expect(parse).toThrow(/^mirror\/sums\.json: .*\[BAD_CHECKSUMS\]$/);
    });
  }
});
