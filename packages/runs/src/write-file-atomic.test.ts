import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { tempRunsDir } from "./test-helpers.js";
import { writeFileAtomic, writeJsonAtomic } from "./write-file-atomic.js";

describe("writeFileAtomic", () => {
  const { dir, cleanup } = tempRunsDir();
  mkdirSync(dir, { recursive: true });
  afterAll(cleanup);
  afterEach(() => {
    for (const name of readdirSync(dir)) expect(name.startsWith(".")).toBe(false);
  });

  it("writes new files and replaces existing ones, leaving no temporary file", () => {
    const path = join(dir, "a.json");
    writeFileAtomic(path, "first");
    writeFileAtomic(path, new TextEncoder().encode("second"));
    expect(readFileSync(path, "utf8")).toBe("second");
    expect(readdirSync(dir)).toEqual(["a.json"]);
  });

  it("writes JSON with a final newline", () => {
    const path = join(dir, "b.json");
    writeJsonAtomic(path, { a: 1 });
    expect(readFileSync(path, "utf8")).toBe('{\n  "a": 1\n}\n');
  });

  it("removes the temporary file and keeps the target when the rename fails", () => {
    const target = join(dir, "occupied");
    mkdirSync(target);
    writeFileSync(join(target, "keep"), "kept");
    expect(() => writeFileAtomic(target, "data")).toThrow();
    expect(readFileSync(join(target, "keep"), "utf8")).toBe("kept");
  });

  it("fails cleanly when the folder does not exist", () => {
    expect(() => writeFileAtomic(join(dir, "missing", "x.json"), "data")).toThrow(/ENOENT/);
  });
});
