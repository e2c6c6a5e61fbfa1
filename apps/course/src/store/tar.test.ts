import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createTar, readTar } from "./tar.js";

describe("tar archives of run folders", () => {
  const files = new Map<string, Uint8Array>([
    ["run.json", new TextEncoder().encode('{"id":"x"}\n')],
    ["metrics.jsonl", new TextEncoder().encode("a\nb\n")],
    ["checkpoints/last/model.safetensors", Uint8Array.from({ length: 1500 }, (_, i) => i % 251)],
    [`artifacts/${"long-name-".repeat(9)}.json`, new Uint8Array([1, 2, 3])],
  ]);

  it("is unpacked by GNU tar into the run folder, byte for byte", () => {
    const dir = mkdtempSync(join(tmpdir(), "course-tar-"));
    try {
      writeFileSync(join(dir, "run.tar"), createTar("20261201-120000-000-demo-abcd", files));
      execFileSync("tar", ["-xf", "run.tar"], { cwd: dir });
      for (const [path, bytes] of files) {
        expect(Buffer.compare(readFileSync(join(dir, "20261201-120000-000-demo-abcd", path)), bytes)).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("reads back what it writes and what GNU tar writes", () => {
    const back = readTar(createTar("run-1", files));
    expect(back.root).toBe("run-1");
    expect([...back.files.keys()].sort()).toEqual([...files.keys()].sort());
    const dir = mkdtempSync(join(tmpdir(), "course-tar-"));
    try {
      execFileSync(
        "sh",
        ["-c", "mkdir -p r/sub && printf hello > r/run.json && printf x > r/sub/f && tar -cf a.tar r"],
        { cwd: dir },
      );
      const gnu = readTar(new Uint8Array(readFileSync(join(dir, "a.tar"))));
      expect(gnu.root).toBe("r");
      expect(new TextDecoder().decode(gnu.files.get("run.json"))).toBe("hello");
      expect(gnu.files.has("sub/f")).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("rejects a corrupt or truncated archive with the entry at fault", () => {
    const tar = createTar("run-1", files);
    const corrupt = tar.slice();
    corrupt[600] = (corrupt[600]! + 1) % 256; // inside the second header (run.json)
    expect(() => readTar(corrupt)).toThrow(/bad header checksum/);
    expect(() => readTar(tar.slice(0, 512 * 8))).toThrow(/truncated/);
  });
});
