import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSweep, runSweep } from "../controller.js";
import { InlineExecutor } from "../executors/inline-executor.js";
import { parseSweepSpec } from "../spec.js";
import { sweepDir } from "../sweep-store.js";
import { ScriptedRunner, testResolver } from "../test-helpers.js";
import { formatParam, sweepAxes, sweepPoints, writeSweepFigures } from "./sweep-figures.js";

let runsDir: string;
beforeEach(() => {
  runsDir = mkdtempSync(join(tmpdir(), "sweep-figures-"));
});
afterEach(() => rmSync(runsDir, { recursive: true, force: true }));

const spec = parseSweepSpec(
  {
    method: "grid",
    base: { epochs: 2 },
    parameters: {
      "optimizer.lr": { values: [0.01, 0.1] },
      "model.layers": { values: [[50], [128, 64]] },
    },
  },
  { resolveConfig: testResolver, epochsPath: "epochs" },
);

describe("sweep figures", () => {
  it("formats parameter values for ticks and cells", () => {
    expect(formatParam([128, 64])).toBe("128,64");
    expect(formatParam(0.0123456)).toBe("0.01235");
    expect(formatParam(3)).toBe("3");
    expect(formatParam("relu")).toBe("relu");
  });

  it("draws parallel coordinates and best-so-far of a finished sweep as SVG and PNG", async () => {
    const runner = new ScriptedRunner((config) => (config.optimizer as { lr: number }).lr * 5);
    const executor = new InlineExecutor(runner, runsDir, 1);
    const record = await runSweep(createSweep(runsDir, spec, { executor, name: "grid" }).id, {
      runsDir,
      executor,
    });
    expect(sweepAxes(spec)).toEqual([
      { name: "optimizer.lr", scale: "categorical", categories: ["0.01", "0.1"] },
      { name: "model.layers", scale: "categorical", categories: ["50", "128,64"] },
    ]);
    const points = sweepPoints(record.trials);
    expect(points).toHaveLength(4);
    expect(points.map((p) => p.params["model.layers"])).toContain("128,64");
    const paths = await writeSweepFigures(runsDir, record);
    const dir = sweepDir(runsDir, record.id);
    expect(paths.sort()).toEqual(
      ["best-so-far.png", "best-so-far.svg", "parallel-coordinates.png", "parallel-coordinates.svg"].map(
        (f) => join(dir, f),
      ),
    );
    const svg = readFileSync(join(dir, "parallel-coordinates.svg"), "utf8");
    expect(svg).toContain("<svg");
    expect(svg).toContain("optimizer.lr");
    const png = readFileSync(join(dir, "best-so-far.png"));
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
  });

  it("draws nothing before any trial has started", async () => {
    const executor = new InlineExecutor(new ScriptedRunner(() => 0.5), runsDir, 1);
    const record = createSweep(runsDir, spec, { executor });
    expect(await writeSweepFigures(runsDir, record)).toEqual([]);
  });
});
