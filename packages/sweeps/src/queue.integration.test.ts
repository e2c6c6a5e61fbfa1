import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { listRuns, readMetrics } from "@mlp-lab/runs";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSweep, runSweep } from "./controller.js";
import { QueueExecutor } from "./executors/queue-executor.js";
import { experimentConfigResolver } from "./experiment-runner.js";
import { parseSweepSpec } from "./spec.js";
import { type TestRedis, redisUnavailable, startTestRedis } from "./test-redis.js";

const skip = redisUnavailable();
const workerMain = fileURLToPath(new URL("./worker-main.ts", import.meta.url));

// Six trials of a small MLP on MNIST subsets, three epochs each: long enough to kill a worker mid-trial.
const SPEC = {
  name: "integration",
  method: "grid",
  base: {
    dataset: "mnist",
    data: { trainLimit: 600, valLimit: 200 },
    model: { kind: "mlp", layers: [32] },
    epochs: 3,
    batchSize: 32,
    backend: "auto",
  },
  parameters: {
    "optimizer.learningRate": { values: [0.01, 0.05, 0.1] },
    "optimizer.momentum": { values: [0, 0.9] },
  },
};

describe.skipIf(skip)("sweep on BullMQ workers (redis-server)", () => {
  let redis: TestRedis;
  let runsDir: string;
  const workers: ChildProcess[] = [];
  const logs = new Map<number, string>();

  beforeAll(async () => {
    redis = await startTestRedis();
    runsDir = mkdtempSync(join(tmpdir(), "sweep-queue-"));
    for (let i = 0; i < 3; i++) {
      const child = spawn(
        process.execPath,
        ["--import", "tsx", workerMain, "--queue", redis.url, "--stall-seconds", "4"],
        {
          stdio: ["ignore", "ignore", "pipe"],
          env: { ...process.env, CI: "1" },
        },
      );
      logs.set(child.pid!, "");
      child.stderr!.on("data", (d: Buffer) => logs.set(child.pid!, logs.get(child.pid!) + d.toString()));
      workers.push(child);
    }
  }, 30_000);

  afterAll(async () => {
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill("SIGTERM");
    await Promise.all(
      workers.map((w) =>
        w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once("exit", r)) : null,
      ),
    );
    await redis?.stop();
    if (runsDir) rmSync(runsDir, { recursive: true, force: true });
  }, 60_000);

  it("finishes all 6 trials once each when a worker is SIGKILLed mid-trial; the taken-over trial resumes without gap or duplicate", async () => {
    const spec = parseSweepSpec(SPEC, { resolveConfig: experimentConfigResolver });
    const executor = new QueueExecutor({ url: redis.url, runsDir, slots: 3, pollMs: 500 });
    const record = createSweep(runsDir, spec, { executor });
    let killed: { pid: number; trial: number } | undefined;
    const t0 = Date.now();
    const done = await runSweep(record.id, {
      runsDir,
      executor,
      onEvent: (e) => {
        if (process.env.SWEEP_TEST_VERBOSE)
          console.log(
            ((Date.now() - t0) / 1000).toFixed(1),
            e.type,
            e.trial.number,
            e.trial.worker,
            e.type === "trial-epoch" ? e.metrics.epoch : "",
          );
        if (e.type === "trial-epoch" && !killed && e.metrics.epoch === 0 && e.trial.worker) {
          const pid = Number(e.trial.worker.split(":").at(-1));
          const victim = workers.find((w) => w.pid === pid);
          if (victim) {
            killed = { pid, trial: e.trial.number };
            victim.kill("SIGKILL");
          }
        }
      },
    });
    expect(killed, "a worker was killed during a trial").toBeDefined();
    expect(done.status).toBe("completed");
    expect(done.trials.map((t) => t.state)).toEqual(Array(6).fill("completed"));
    expect(done.trials.every((t) => t.epochs === 3)).toBe(true);

    // One run per trial, each tagged with the sweep, completed with its 4 epochs.
    const runs = (await listRuns(runsDir)).flatMap((e) => (e.ok ? [e.run] : []));
    const ofSweep = runs.filter((r) => r.tags.includes(`sweep:${record.id}`));
    expect(ofSweep).toHaveLength(6);
    expect(new Set(ofSweep.map((r) => r.id))).toEqual(new Set(done.trials.map((t) => t.runId)));
    for (const run of ofSweep) {
      expect(run.status).toBe("completed");
      const metrics = await readMetrics(runsDir, run.id);
      for (const phase of ["train", "val"] as const)
        expect(metrics.filter((m) => m.phase === phase).map((m) => m.epoch)).toEqual([0, 1, 2]);
    }

    // The killed worker's trial was taken over: resumed from a checkpoint, not from scratch.
    const taken = done.trials[killed!.trial]!;
    const run = JSON.parse(readFileSync(join(runsDir, taken.runId!, "run.json"), "utf8")) as {
      resumes: { fromEpoch: number | null }[];
    };
    expect(run.resumes.length).toBeGreaterThanOrEqual(1);
    expect(run.resumes[0]!.fromEpoch).not.toBeNull();
    expect(taken.worker).not.toContain(`:${killed!.pid}`);
    // Its last checkpoint arrived with the run; Redis keeps nothing of the finished sweep.
    expect(
      readFileSync(join(runsDir, taken.runId!, "checkpoints", "last", "trainer.json"), "utf8"),
    ).toContain('"epoch": 3');
    const client = new Redis(redis.url);
    expect(await client.keys(`mlp-lab:sweep:${record.id}:*`)).toEqual([]);
    client.disconnect();
  }, 300_000);
});

if (skip) console.warn(`skipping the Redis integration test: ${skip}`);
