import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readArtifact } from "./artifacts.js";
import { createRun } from "./create-run.js";
import { InvalidFileNameError, InvalidRecordError, RunNotRunningError } from "./errors.js";
import { readMetrics } from "./read-metrics.js";
import { readRun } from "./read-run.js";
import { isValidRunId } from "./run-id.js";
import { CONFIG, metrics, tempRunsDir } from "./test-helpers.js";

const cleanups: Array<() => void> = [];
function runsDir(): string {
  const temp = tempRunsDir();
  cleanups.push(temp.cleanup);
  return temp.dir;
}
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe("createRun", () => {
  it("round-trips create, append and complete", async () => {
    const dir = runsDir();
    const run = createRun(dir, { config: CONFIG, packages: { "@mlp-lab/runs": "0.0.0" } });
    expect(isValidRunId(run.id)).toBe(true);
    expect(run.id).toContain("mnist-mlp-128-64");
    expect(run.status).toBe("running");

    expect(run.appendMetrics(metrics(1, "train", 0.8)).newBest).toBe(false);
    expect(run.appendMetrics(metrics(1, "val", 0.85)).newBest).toBe(true);
    run.appendMetrics(metrics(2, "train", 0.9));
    expect(run.appendMetrics(metrics(2, "val", 0.84)).newBest).toBe(false);
    run.complete({ parameters: 109_386 });

    const read = await readRun(dir, run.id);
    expect(read).toMatchObject({
      schemaVersion: 2,
      id: run.id,
      name: "mnist-mlp-128-64",
      status: "completed",
      packages: { "@mlp-lab/runs": "0.0.0" },
      config: { model: { layers: [128, 64], dropout: 0.2 }, optimizer: { beta1: 0.9 }, scheduler: null },
      summary: { bestValAccuracy: 0.85, bestEpoch: 1, lastEpoch: 2, parameters: 109_386 },
      writer: { pid: process.pid },
    });
    expect(read.endedAt).not.toBeNull();
    expect(read.summary.durationSeconds).toBeGreaterThanOrEqual(0);

    const lines = await readMetrics(dir, run.id);
    expect(lines.map((l) => [l.epoch, l.phase, l.accuracy])).toEqual([
      [1, "train", 0.8],
      [1, "val", 0.85],
      [2, "train", 0.9],
      [2, "val", 0.84],
    ]);
    expect(lines[0]?.time).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it("lays out the folder and leaves no temporary files", () => {
    const dir = runsDir();
    const run = createRun(dir, { config: CONFIG, name: "layout" });
    run.appendMetrics(metrics(1, "val", 0.5));
    run.update({ backend: { name: "cpu", threads: 1 } });
    run.complete();
    expect(readdirSync(dir)).toEqual([run.id]);
    expect(readdirSync(run.dir).sort()).toEqual(["artifacts", "checkpoints", "metrics.jsonl", "run.json"]);
    expect(statSync(join(run.dir, "checkpoints")).isDirectory()).toBe(true);
    expect(run.checkpointPath("best")).toBe(join(run.dir, "checkpoints", "best"));
    expect(run.artifactPath("loss.svg")).toBe(join(run.dir, "artifacts", "loss.svg"));
    expect(() => run.artifactPath("../run.json")).toThrow(InvalidFileNameError);
  });

  it("gives unique ids to runs created in the same millisecond", () => {
    const dir = runsDir();
    const ids = Array.from({ length: 20 }, () => createRun(dir, { config: CONFIG, name: "same" }).id);
    expect(new Set(ids).size).toBe(20);
    expect(readdirSync(dir)).toHaveLength(20);
  });

  it("uses a given id and refuses a taken one", () => {
    const dir = runsDir();
    expect(createRun(dir, { config: CONFIG, id: "fixture-1" }).id).toBe("fixture-1");
    expect(() => createRun(dir, { config: CONFIG, id: "fixture-1" })).toThrow(InvalidRecordError);
    expect(() => createRun(dir, { config: CONFIG, id: "../x" })).toThrow(/Invalid run id/);
  });

  it("rejects an invalid config and a bad metrics entry with the field named", () => {
    const dir = runsDir();
    const bad = { ...CONFIG, batchSize: -1 };
    expect(() => createRun(dir, { config: bad })).toThrow(/batchSize/);
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    const run = createRun(dir, { config: CONFIG });
    expect(() => run.appendMetrics({ ...metrics(1, "val", 0.5), accuracy: 1.5 })).toThrow(/accuracy/);
  });

  it("keeps extra config keys and fills defaults", async () => {
    const dir = runsDir();
    const model = { kind: "softmax", layers: [], activation: "identity", dIn: 784, dOut: 10 };
    const run = createRun(dir, { config: { ...CONFIG, model, backend: "wasm" } });
    expect(run.record.name).toBe("mnist-softmax");
    const stored = (await readRun(dir, run.id)).config;
    expect(stored.model).toEqual(model);
    expect(stored).toMatchObject({ backend: "wasm", earlyStopping: null });
  });

  it("stores a non-finite loss as null", async () => {
    const dir = runsDir();
    const run = createRun(dir, { config: CONFIG });
    expect(run.appendMetrics({ ...metrics(1, "train", 0.1), loss: Number.NaN }).entry.loss).toBeNull();
    expect((await readMetrics(dir, run.id))[0]?.loss).toBeNull();
  });

  it("records failure and interruption, then refuses further writes", async () => {
    const dir = runsDir();
    const failed = createRun(dir, { config: CONFIG, name: "failed" });
    failed.fail(Object.assign(new Error("out of memory"), { code: "OOM" }));
    expect(await readRun(dir, failed.id)).toMatchObject({
      status: "failed",
      error: { message: "out of memory", code: "OOM", name: "Error" },
    });
    expect(() => failed.appendMetrics(metrics(1, "train", 0.5))).toThrow(RunNotRunningError);
    expect(() => failed.complete()).toThrow(/it is failed, not running/);

    const stopped = createRun(dir, { config: CONFIG, name: "stopped" });
    stopped.interrupt();
    expect((await readRun(dir, stopped.id)).status).toBe("interrupted");
  });

  it("writes well-known artifacts validated and others as given", async () => {
    const dir = runsDir();
    const run = createRun(dir, { config: CONFIG });
    run.writeArtifact("confusion-matrix.json", {
      matrix: [
        [3, 1],
        [0, 4],
      ],
    });
    expect(() => run.writeArtifact("confusion-matrix.json", { matrix: [[1, 2]] })).toThrow(/not square/);
    run.writeArtifact("notes.json", { any: ["json", 1] });
    expect(await readArtifact(dir, run.id, "confusion-matrix.json")).toEqual({
      split: "val",
      matrix: [
        [3, 1],
        [0, 4],
      ],
    });
    expect(JSON.parse(readFileSync(run.artifactPath("notes.json"), "utf8"))).toEqual({ any: ["json", 1] });
    expect(readdirSync(join(run.dir, "artifacts")).sort()).toEqual(["confusion-matrix.json", "notes.json"]);
  });
});
