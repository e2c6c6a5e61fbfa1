import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRun, readRun } from "@mlp-lab/runs";
import { afterAll, describe, expect, it } from "vitest";
import { VisualizationError } from "./errors.js";
import { firstLayerWeightsSvg, historyOf, overlayCurvesSvg, runFigureSvg } from "./run-figures.js";

const root = mkdtempSync(join(tmpdir(), "mlp-run-figures-"));
const runsDir = join(root, "runs");
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = {
  model: { kind: "mlp" as const, layers: [16], activation: "relu" as const, dropout: 0 },
  optimizer: { name: "sgd", learningRate: 0.01 },
  epochs: 2,
  batchSize: 8,
  dataset: "mnist",
  seed: 1,
};
const grey = { width: 28, height: 28, channels: 1, classNames: "0123456789".split("") };
const noData = async () => {
  throw new Error("not needed");
};

function makeRun(name: string, epochs: number) {
  const run = createRun(runsDir, { config, name });
  for (let epoch = 0; epoch < epochs; epoch++) {
    run.appendMetrics({
      epoch,
      phase: "train",
      loss: 1 / (epoch + 1),
      accuracy: 0.5,
      seconds: 1,
      samples: 8,
    });
    run.appendMetrics({
      epoch,
      phase: "val",
      loss: 1.2 / (epoch + 1),
      accuracy: 0.4,
      seconds: 1,
      samples: 8,
    });
  }
  return run;
}

describe("figures of a run in a run store", () => {
  it("draws the curves from metrics.jsonl and the confusion matrix from its artifact", async () => {
    const run = makeRun("curves-run", 2);
    run.writeArtifact("confusion-matrix.json", {
      split: "val",
      matrix: [
        [3, 1],
        [0, 4],
      ],
    });
    run.close();
    const src = { runsDir, record: await readRun(runsDir, run.id), valSet: noData, weights: noData };
    const curves = await runFigureSvg("curves", src);
    expect(curves).toMatch(/^<svg/);
    expect(curves).toContain("curves-run: loss and accuracy per epoch");
    const confusion = await runFigureSvg("confusion", src);
    expect(confusion).toContain("confusion matrix (val)");
  });

  it("names what a run lacks: metrics, or the artifacts written when training completes", async () => {
    const run = makeRun("empty-run", 0);
    run.close();
    const src = { runsDir, record: await readRun(runsDir, run.id), valSet: noData, weights: noData };
    await expect(runFigureSvg("curves", src)).rejects.toThrow(`run ${run.id} has no metrics yet`);
    const error = await runFigureSvg("errors", src).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VisualizationError);
    expect(error).toMatchObject({ code: "MISSING_INPUT" });
    expect((error as Error).message).toContain("has no val-predictions.json");
  });

  it("overlays runs and labels two runs of one name by id", async () => {
    const a = makeRun("same", 1);
    const b = makeRun("same", 2);
    a.close();
    b.close();
    const records = [await readRun(runsDir, a.id), await readRun(runsDir, b.id)];
    const svg = await overlayCurvesSvg(runsDir, records, "two runs");
    expect(svg).toContain(a.id);
    expect(svg).toContain(b.id);
  });

  it("keeps the train and val rows of the history, in order", () => {
    const history = historyOf("h", [
      { epoch: 0, phase: "train", loss: 1, accuracy: 0.5, seconds: 1, samples: 1, lr: null },
      { epoch: 0, phase: "test", loss: 2, accuracy: 0.1, seconds: 1, samples: 1, lr: null },
      { epoch: 0, phase: "val", loss: null, accuracy: 0.4, seconds: 1, samples: 1, lr: null },
    ] as never);
    expect(history.records.map((r) => r.phase)).toEqual(["train", "val"]);
    expect(Number.isNaN(history.records[1]!.loss)).toBe(true);
  });
});

describe("first-layer weights", () => {
  const weights = (units: number) => ({
    "linears.0.weight": {
      data: Float32Array.from({ length: units * 784 }, (_, i) => Math.sin(i)),
      shape: [units, 784],
    },
  });

  it("draws hidden units of an MLP and coefficient maps of a softmax model", () => {
    expect(firstLayerWeightsSvg("mlp", weights(16), grey)).toMatch(/^<svg/);
    const softmax = { "linear1.weight": weights(10)["linears.0.weight"] };
    expect(firstLayerWeightsSvg("softmax", softmax, grey)).toMatch(/^<svg/);
  });

  it("refuses RGB images and a checkpoint without a first layer, naming the keys", () => {
    expect(() => firstLayerWeightsSvg("mlp", weights(16), { ...grey, channels: 3 })).toThrow(
      "grey images only",
    );
    expect(() => firstLayerWeightsSvg("mlp", { "out.weight": weights(1)["linears.0.weight"] }, grey)).toThrow(
      "keys: out.weight",
    );
  });
});
