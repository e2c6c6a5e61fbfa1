import { appendFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { CorruptMetricsError, RunNotFoundError } from "./errors.js";
import { parseMetricsText } from "./metrics-lines.js";
import { readMetrics, readMetricsWithLines } from "./read-metrics.js";
import { CONFIG, metrics, tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);

describe("readMetrics", () => {
  it("ignores a last line caught mid-append", async () => {
    const run = createRun(dir, { config: CONFIG });
    run.appendMetrics(metrics(1, "train", 0.5));
    run.appendMetrics(metrics(1, "val", 0.6));
    appendFileSync(join(run.dir, "metrics.jsonl"), '{"epoch":2,"phase":"tr');
    const read = await readMetricsWithLines(dir, run.id);
    expect(read.entries.map((e) => e.phase)).toEqual(["train", "val"]);
    expect(read.lines).toBe(2);
  });

  it("accepts a valid last line without its newline", async () => {
    const run = createRun(dir, { config: CONFIG });
    const line = { ...metrics(3, "test", 0.7), lr: null, time: new Date().toISOString() };
    writeFileSync(join(run.dir, "metrics.jsonl"), JSON.stringify(line));
    expect(await readMetricsWithLines(dir, run.id)).toMatchObject({ entries: [{ epoch: 3 }], lines: 1 });
  });

  it("names the first bad complete line", async () => {
    const run = createRun(dir, { config: CONFIG });
    run.appendMetrics(metrics(1, "train", 0.5));
    appendFileSync(join(run.dir, "metrics.jsonl"), '{"epoch":"two"}\n');
    run.appendMetrics(metrics(2, "train", 0.5));
    const error = await readMetrics(dir, run.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CorruptMetricsError);
    expect(error).toMatchObject({ line: 2, code: "CORRUPT_METRICS" });
    expect((error as Error).message).toContain("metrics.jsonl:2:");
  });

  it("reads a missing file as empty and an unknown run as an error", async () => {
    const run = createRun(dir, { config: CONFIG });
    rmSync(join(run.dir, "metrics.jsonl"));
    expect(await readMetrics(dir, run.id)).toEqual([]);
    await expect(readMetrics(dir, "missing-run")).rejects.toThrow(RunNotFoundError);
    mkdirSync(join(dir, "empty-run"));
    expect(await readMetrics(dir, "empty-run")).toEqual([]);
  });
});

describe("parseMetricsText", () => {
  it("numbers lines from firstLine, skips blanks and keeps the rest", () => {
    const line = JSON.stringify({ ...metrics(1, "val", 0.5), lr: null, time: "2026-11-27T14:00:00.000Z" });
    const parsed = parseMetricsText(`${line}\n\nnot json\n{"par`, 10);
    expect(parsed.entries).toHaveLength(1);
    expect(parsed.invalid).toEqual([{ line: 13, message: expect.stringContaining("not JSON") }]);
    expect(parsed.lines).toBe(3);
    expect(parsed.rest).toBe('{"par');
  });
});
