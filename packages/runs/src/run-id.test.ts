import { describe, expect, it } from "vitest";
import { InvalidFileNameError, InvalidRunIdError } from "./errors.js";
import { isValidRunId, newRunId, slugify, validateFileName, validateRunId } from "./run-id.js";

describe("validateRunId", () => {
  it.each([
    ["", "empty"],
    ["..", '".."'],
    [".", 'starts with "."'],
    ["../escape", "separator"],
    ["a/b", "separator"],
    ["a\\b", "separator"],
    ["/etc/passwd", "separator"],
    ["C:\\runs", "separator"],
    ["C:runs", "only letters"],
    ["a\0b", "NUL"],
    ["a..b", '".."'],
    [".hidden", 'starts with "."'],
    ["with space", "only letters"],
    ["x".repeat(129), "longer than 128"],
  ])("rejects %j (%s)", (value, why) => {
    expect(() => validateRunId(value)).toThrow(InvalidRunIdError);
    expect(() => validateRunId(value)).toThrow(why);
    expect(isValidRunId(value)).toBe(false);
  });

  it("names the offending value and has a code", () => {
    const error = (() => {
      try {
        validateRunId("../x");
      } catch (e) {
        return e as InvalidRunIdError;
      }
    })();
    expect(error?.code).toBe("INVALID_RUN_ID");
    expect(error?.message).toContain('"../x"');
  });

  it("accepts generated ids and plain names", () => {
    expect(validateRunId("20261127-140812-345-mnist-mlp-3f9a")).toBe("20261127-140812-345-mnist-mlp-3f9a");
    expect(isValidRunId("run_1.v2")).toBe(true);
  });

  it("applies the same rules to file names with their own error", () => {
    expect(validateFileName("confusion-matrix.json")).toBe("confusion-matrix.json");
    expect(() => validateFileName("../run.json")).toThrow(InvalidFileNameError);
  });
});

describe("newRunId", () => {
  const at = new Date(Date.UTC(2026, 10, 27, 14, 8, 12, 345));

  it("is timestamp, slug and suffix", () => {
    expect(newRunId("MNIST mlp 512/256", at, () => 0.25)).toBe("20261127-140812-345-mnist-mlp-512-256-4000");
    expect(newRunId("", at, () => 0)).toBe("20261127-140812-345-0000");
  });

  it("sorts by creation time", () => {
    const later = new Date(at.getTime() + 1);
    const ids = [newRunId("zzz", later), newRunId("aaa", at)];
    expect([...ids].sort()).toEqual([ids[1], ids[0]]);
  });

  it("is always a valid id", () => {
    expect(isValidRunId(newRunId("../../etc \0 ünïcødé".repeat(10), at))).toBe(true);
  });

  it("slugifies to at most 24 characters without edge dashes", () => {
    expect(slugify("--Hello, World!--")).toBe("hello-world");
    expect(slugify("a".repeat(30)).length).toBe(24);
  });
});
