import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createRun } from "./create-run.js";
import { RunInUseError, RunNotFoundError } from "./errors.js";
import { readMetrics } from "./read-metrics.js";
import { readRun } from "./read-run.js";
import { removeRun } from "./remove-run.js";
import { resumeRun } from "./resume-run.js";
import { CONFIG, metrics, tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);

describe("resumeRun", () => {
  it("continues an interrupted run from a checkpoint epoch on a clean metrics file", async () => {
    const run = createRun(dir, { config: CONFIG });
    run.appendMetrics(metrics(1, "train", 0.5));
    run.appendMetrics(metrics(1, "val", 0.6));
    run.appendMetrics(metrics(2, "train", 0.7));
    run.appendMetrics(metrics(2, "val", 0.8));
    run.appendMetrics(metrics(3, "train", 0.75));
    run.interrupt();
    appendFileSync(join(run.dir, "metrics.jsonl"), '{"epoch":3,"pha'); // killed mid-append

    const resumed = resumeRun(dir, run.id, { fromEpoch: 1 });
    expect(resumed.record).toMatchObject({
      status: "running",
      endedAt: null,
      summary: { bestValAccuracy: 0.6, bestEpoch: 1, lastEpoch: 1 },
      resumes: [{ fromEpoch: 1 }],
    });
    expect(readFileSync(join(run.dir, "metrics.jsonl"), "utf8").endsWith("\n")).toBe(true);
    resumed.appendMetrics(metrics(2, "train", 0.71));
    resumed.appendMetrics(metrics(2, "val", 0.81));
    resumed.complete();

    const lines = await readMetrics(dir, run.id);
    expect(lines.map((l) => `${l.epoch}${l.phase}`)).toEqual(["1train", "1val", "2train", "2val"]);
    expect(await readRun(dir, run.id)).toMatchObject({
      status: "completed",
      summary: { bestEpoch: 2, lastEpoch: 2 },
    });
  });

  it("refuses a run whose writer is alive unless forced", () => {
    const live = createRun(dir, { config: CONFIG });
    expect(() => resumeRun(dir, live.id)).toThrow(RunInUseError);
    expect(resumeRun(dir, live.id, { force: true }).status).toBe("running");
  });
});

describe("removeRun", () => {
  it("removes finished runs, refuses live ones unless forced", async () => {
    const done = createRun(dir, { config: CONFIG });
    done.complete();
    await removeRun(dir, done.id);
    expect(existsSync(done.dir)).toBe(false);

    const live = createRun(dir, { config: CONFIG });
    await expect(removeRun(dir, live.id)).rejects.toThrow(/still|running/);
    await removeRun(dir, live.id, { force: true });
    expect(existsSync(live.dir)).toBe(false);
    await expect(removeRun(dir, live.id)).rejects.toThrow(RunNotFoundError);
    await expect(removeRun(dir, "..")).rejects.toThrow(/Invalid run id/);
  });
});
