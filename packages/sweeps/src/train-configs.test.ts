import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseExperimentConfig } from "@mlp-lab/experiments";
import { readRun } from "@mlp-lab/runs";
import { afterAll, describe, expect, it } from "vitest";
import { trainConfigs } from "./train-configs.js";

// The trial processes run the worker's source through tsx, as the queue's integration test does.
const WORKER = fileURLToPath(new URL("./worker-main.ts", import.meta.url));
const command = { script: WORKER, args: ["--local"], env: { NODE_OPTIONS: "--import tsx" } };
const root = mkdtempSync(join(tmpdir(), "mlp-train-configs-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const config = (layers: number[]) => ({
  ...parseExperimentConfig({
    model: { kind: "mlp", layers },
    data: { trainLimit: 300, valLimit: 200 },
    epochs: 2,
  }),
});

describe("trainConfigs", () => {
  it("trains each config into its own run in worker processes and reports the run's numbers", async () => {
    const runsDir = join(root, "runs");
    const done: number[] = [];
    const outcomes = await trainConfigs(
      [
        { config: config([32]), name: "a-32" },
        { config: config([16, 8]), name: "b-16-8" },
      ],
      {
        runsDir,
        command,
        parallel: 2,
        tags: ["compare"],
        onDone: (o) => done.push(o.index),
      },
    );
    expect(done.sort()).toEqual([0, 1]);
    expect(outcomes.map((o) => [o.index, o.status])).toEqual([
      [0, "completed"],
      [1, "completed"],
    ]);
    expect(outcomes.map((o) => o.parameters)).toEqual([
      784 * 32 + 32 + 32 * 10 + 10,
      784 * 16 + 16 + 16 * 8 + 8 + 8 * 10 + 10,
    ]);
    for (const o of outcomes) {
      const record = await readRun(runsDir, o.runId!);
      expect(record.tags).toEqual(["compare"]);
      expect(record.summary.lastEpoch).toBe(1);
      expect(o.bestValAccuracy).toBe(record.summary.bestValAccuracy);
      expect(o.bestEpoch).toBe(record.summary.bestEpoch);
    }
    expect((await readRun(runsDir, outcomes[1]!.runId!)).name).toBe("b-16-8");
  }, 120_000);

  it("starts nothing once the signal is aborted", async () => {
    const controller = new AbortController();
    controller.abort();
    const outcomes = await trainConfigs([{ config: config([8]), name: "never" }], {
      runsDir: join(root, "runs-aborted"),
      command,
      parallel: 1,
      signal: controller.signal,
    });
    expect(outcomes).toEqual([]);
    expect(existsSync(join(root, "runs-aborted"))).toBe(false);
  }, 60_000);
});
