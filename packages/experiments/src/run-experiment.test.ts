import { cpSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listRuns, readRun } from "@mlp-lab/runs";
import { TrainingError } from "@mlp-lab/training";
import * as tf from "@tensorflow/tfjs-core";
import { describe, expect, it } from "vitest";
import type { ExperimentEvent } from "./events.js";
import type { ExperimentConfigInput } from "./experiment-config.js";
import { evaluateRun, predictRun, resumeExperiment, runExperiment } from "./index.js";

// Small and quick: 640 MNIST training images (10 batches of 64), 200 validation images, wasm.
const SMALL: ExperimentConfigInput = { data: { trainLimit: 640, valLimit: 200 }, backend: "wasm" };

interface Line {
  epoch: number;
  phase: string;
  loss: number;
  accuracy: number;
}

function metricsOf(runDir: string): Line[] {
  return readFileSync(join(runDir, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Line);
}

function store(): string {
  return mkdtempSync(join(tmpdir(), "mlp-experiments-"));
}

function trainerEpoch(runDir: string, which: "last" | "best"): number {
  return JSON.parse(readFileSync(join(runDir, "checkpoints", which, "trainer.json"), "utf8")).epoch;
}

describe("runExperiment and resumeExperiment", () => {
  const runsDir = store();
  let reference: Line[] = [];

  it("trains 3 epochs into a complete run with typed events", async () => {
    const events: ExperimentEvent[] = [];
    const result = await runExperiment({ ...SMALL, epochs: 3 }, { runsDir, onEvent: (e) => events.push(e) });
    expect(result).toMatchObject({ status: "completed", parameters: 39760, epochsRun: 3, lastEpoch: 2 });
    const types = [...new Set(events.map((e) => e.type))];
    expect(types).toEqual([
      "backend",
      "run-started",
      "epoch-begin",
      "batch",
      "log",
      "checkpoint-saved",
      "epoch-end",
      "finished",
    ]);
    expect(events.filter((e) => e.type === "batch")).toHaveLength(30);
    reference = metricsOf(result.runDir);
    expect(reference.map((l) => `${l.epoch}${l.phase}`)).toEqual(
      [0, 1, 2].flatMap((e) => [`${e}train`, `${e}val`]),
    );
    // It learns: from chance towards the course's figures.
    expect(reference.at(-1)!.accuracy).toBeGreaterThan(0.6);
    const record = await readRun(runsDir, result.runId);
    expect(record).toMatchObject({ schemaVersion: 2, status: "completed" });
    expect(record.config).not.toHaveProperty("flags");
    expect(record.config).toMatchObject({
      version: 2,
      model: { kind: "two-layer", layers: [50] },
      optimizer: { name: "sgd", learningRate: 0.01, momentum: 0.5 },
      normalize: { mean: [0.1307], std: [0.3081] },
      epochs: 3,
    });
    expect(record.dataset?.splits?.train?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(record.dataset?.splits?.test?.source).toBeTruthy();
    for (const a of [
      "val-predictions.json",
      "confusion-matrix.json",
      "per-class-metrics.json",
      "sample-images.json",
    ])
      expect(readdirSync(join(result.runDir, "artifacts"))).toContain(a);
  });

  it("2 epochs then 1 resumed give the losses of 3 in one go", async () => {
    const first = await runExperiment({ ...SMALL, epochs: 2 }, { runsDir });
    const resumed = await resumeExperiment(first.runDir, { epochs: 1 });
    expect(resumed).toMatchObject({ status: "completed", runId: first.runId, epochsRun: 1, lastEpoch: 2 });
    const lines = metricsOf(first.runDir);
    expect(lines).toHaveLength(reference.length);
    lines.forEach((l, i) => {
      expect(l.loss).toBeCloseTo(reference[i]!.loss, 5);
      expect(l.accuracy).toBeCloseTo(reference[i]!.accuracy, 6);
    });
    const record = await readRun(runsDir, first.runId);
    expect(record.config.epochs).toBe(3);
    expect(record.resumes).toHaveLength(1);
    // A completed run trains more only when asked how many.
    expect((await resumeExperiment(first.runDir)).status).toBe("nothing-to-do");
  });

  it("an abort mid-epoch leaves an interrupted run that resumes to the same losses", async () => {
    const controller = new AbortController();
    const interrupted = await runExperiment(
      { ...SMALL, epochs: 3 },
      {
        runsDir,
        signal: controller.signal,
        onEvent: (e) => {
          if (e.type === "batch" && e.epoch === 1 && e.step === 4) controller.abort();
        },
      },
    );
    expect(interrupted.status).toBe("interrupted");
    expect((await readRun(runsDir, interrupted.runId)).status).toBe("interrupted");
    expect(metricsOf(interrupted.runDir).map((l) => `${l.epoch}${l.phase}`)).toEqual(["0train", "0val"]);
    expect(trainerEpoch(interrupted.runDir, "last")).toBe(1);
    const resumed = await resumeExperiment({ runsDir, id: interrupted.runId });
    expect(resumed).toMatchObject({ status: "completed", epochsRun: 2 });
    const lines = metricsOf(interrupted.runDir);
    lines.forEach((l, i) => expect(l.loss).toBeCloseTo(reference[i]!.loss, 5));
    expect((await readRun(runsDir, interrupted.runId)).status).toBe("completed");
  });

  it("a NaN loss fails the run naming epoch and step, and leaves the last checkpoint as it was", async () => {
    // Epoch 0 at lr 0.01, then the schedule multiplies it by a million: the loss overflows in epoch 1.
    const saved: Record<number, Buffer> = {};
    let runDir = "";
    const before = tf.memory().numTensors;
    const failure = runExperiment(
      { ...SMALL, epochs: 3, scheduler: { name: "exponential", gamma: 1e6 } },
      {
        runsDir,
        onEvent: (e) => {
          if (e.type === "run-started") runDir = e.runDir;
          if (e.type === "checkpoint-saved" && e.kind === "last")
            saved[e.epoch] = readFileSync(join(e.path, "model.safetensors"));
        },
      },
    );
    await expect(failure).rejects.toThrow(TrainingError);
    await expect(failure).rejects.toThrow(/at epoch 1, step \d+/);
    const record = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    expect(record.status).toBe("failed");
    expect(record.error.message).toMatch(/loss became (NaN|Infinity|-Infinity) at epoch 1, step \d+/);
    expect(Object.keys(saved)).toEqual(["0"]);
    expect(trainerEpoch(runDir, "last")).toBe(1);
    expect(readFileSync(join(runDir, "checkpoints", "last", "model.safetensors")).equals(saved[0]!)).toBe(
      true,
    );
    // The model and optimizer were released on the way out.
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe("runs written before run.json schema 2", () => {
  it("a v1 run of mlp train 0.1 is read, listed, resumed, evaluated and predicted with", async () => {
    const runsDir = store();
    cpSync(join(import.meta.dirname, "../../runs/src/__fixtures__/v1-runs"), runsDir, { recursive: true });
    const [id] = readdirSync(runsDir);
    const entries = await listRuns(runsDir);
    expect(entries).toMatchObject([{ ok: true, id, run: { schemaVersion: 2, status: "completed" } }]);
    const resumed = await resumeExperiment({ runsDir, id: id! }, { epochs: 1, backend: "wasm" });
    expect(resumed).toMatchObject({ status: "completed", epochsRun: 1, lastEpoch: 1, parameters: 3190 });
    const lines = metricsOf(join(runsDir, id!));
    expect(lines.map((l) => `${l.epoch}${l.phase}`)).toEqual(["0train", "0val", "1train", "1val"]);
    // The first epoch is the one the v1 CLI wrote.
    expect(lines[0]!.loss).toBeCloseTo(2.2862, 4);
    const raw = JSON.parse(readFileSync(join(runsDir, id!, "run.json"), "utf8"));
    expect(raw.schemaVersion).toBe(2);
    expect(raw.config).not.toHaveProperty("flags");
    expect(raw.config).toMatchObject({ version: 2, model: { kind: "two-layer", layers: [4] }, epochs: 2 });

    const ev = await evaluateRun({ runsDir, id: id! }, { split: "val", checkpoint: "last", backend: "wasm" });
    expect(ev).toMatchObject({ split: "val", samples: 30, epoch: 1 });
    expect(ev.confusionMatrix.matrix.flat().reduce((a, b) => a + b, 0)).toBe(30);
    const blank = new Uint8Array(784);
    const { predictions } = await predictRun(join(runsDir, id!), [blank, blank.map(() => 255)], {
      backend: "wasm",
    });
    expect(predictions).toHaveLength(2);
    for (const p of predictions) expect(p.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 4);
  });
});
