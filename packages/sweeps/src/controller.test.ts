import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ashaPromotes } from "./asha.js";
import { createSweep, runSweep } from "./controller.js";
import { InlineExecutor } from "./executors/inline-executor.js";
import { parseSweepSpec } from "./spec.js";
import { listSweeps, readSweepRecord, resolveSweepId } from "./sweep-store.js";
import { ScriptedRunner, testResolver } from "./test-helpers.js";

let runsDir: string;
beforeEach(() => {
  runsDir = mkdtempSync(join(tmpdir(), "sweep-controller-"));
});
afterEach(() => rmSync(runsDir, { recursive: true, force: true }));

// Accuracy grows with epochs towards a ceiling set by the learning rate (best near lr = 0.1); lr > 0.5 diverges.
const curve = (config: Record<string, unknown>, epoch: number) => {
  const lr = (config.optimizer as { lr: number }).lr;
  if (lr > 0.5) return Number.NaN;
  const ceiling = 0.95 - 0.1 * Math.abs(Math.log10(lr / 0.1));
  return ceiling * (1 - 0.5 ** (epoch + 1));
};

function spec(extra: Record<string, unknown>) {
  return parseSweepSpec(
    {
      method: "random",
      seed: 3,
      maxTrials: 6,
      base: { epochs: 3 },
      parameters: { "optimizer.lr": { distribution: "log_uniform", min: 1e-3, max: 0.3 } },
      ...extra,
    },
    { resolveConfig: testResolver, epochsPath: "epochs" },
  );
}

describe("runSweep", () => {
  it("runs every trial of a random search, records them and the best, two at a time", async () => {
    const runner = new ScriptedRunner(curve);
    const s = spec({});
    const executor = new InlineExecutor(runner, runsDir, 2);
    const created = createSweep(runsDir, s, { executor, name: "lr search" });
    const done = await runSweep(created.id, { runsDir, executor });
    expect(done.status).toBe("completed");
    expect(done.trials.map((t) => t.state)).toEqual(Array(6).fill("completed"));
    expect(done.trials.every((t) => t.epochs === 3 && t.values.length === 3)).toBe(true);
    const best = Math.max(...done.trials.map((t) => t.value!));
    expect(done.best?.value).toBe(best);
    expect(readSweepRecord(runsDir, created.id)).toEqual(done);
    expect(resolveSweepId(runsDir, "latest")).toBe(created.id);
    expect(listSweeps(runsDir).sweeps.map((x) => x.id)).toEqual([created.id]);
  });

  it("stops trials at ASHA rungs unless they are in the top 1/η of those that reached the rung", async () => {
    const runner = new ScriptedRunner(curve);
    const s = spec({
      maxTrials: 12,
      earlyTermination: { type: "asha", minEpochs: 1, reductionFactor: 3, maxEpochs: 9 },
    });
    const executor = new InlineExecutor(runner, runsDir, 1);
    const done = await runSweep(createSweep(runsDir, s, { executor }).id, { runsDir, executor });
    expect(done.status).toBe("completed");
    // Replay the decisions in arrival order (one slot: trials reach each rung in trial order).
    const atRung = new Map<number, number[]>();
    for (const t of done.trials) {
      for (const r of t.rungs) {
        const seen = atRung.get(r.epoch) ?? [];
        seen.push(r.value!);
        atRung.set(r.epoch, seen);
        expect(r.promoted).toBe(ashaPromotes(r.value!, seen, 3, "maximize"));
      }
      const last = t.rungs.at(-1)!;
      if (t.state === "pruned") expect(t.epochs).toBe(last.epoch);
      else expect(t.epochs).toBe(9);
    }
    const pruned = done.trials.filter((t) => t.state === "pruned").length;
    expect(pruned).toBeGreaterThan(4);
    const total = done.trials.reduce((a, t) => a + t.epochs, 0);
    expect(total).toBeLessThan(0.5 * 12 * 9);
    // Segments of one trial continue where the last one stopped: no epoch trained twice.
    for (const t of done.trials) {
      const segs = runner.segments.filter((x) => x.trial === t.number);
      segs.forEach((seg, i) => expect(seg.from).toBe(i === 0 ? 0 : segs[i - 1]!.to));
    }
  });

  it("records a trial whose loss is NaN as failed and goes on", async () => {
    const runner = new ScriptedRunner(curve);
    const s = spec({
      method: "grid",
      maxTrials: undefined,
      parameters: { "optimizer.lr": { values: [0.1, 0.9, 0.01] } },
    });
    const executor = new InlineExecutor(runner, runsDir, 1);
    const done = await runSweep(createSweep(runsDir, s, { executor }).id, { runsDir, executor });
    expect(done.trials.map((t) => t.state)).toEqual(["completed", "failed", "completed"]);
    expect(done.trials[1]!.error).toMatch(/NaN/);
    expect(done.best?.trial).toBe(0);
    expect(done.status).toBe("completed");
  });

  it("resumes an interrupted sweep without losing or repeating a trial", async () => {
    const runner = new ScriptedRunner(curve);
    const s = spec({
      maxTrials: 5,
      earlyTermination: { type: "asha", minEpochs: 1, reductionFactor: 2, maxEpochs: 4 },
    });
    const abort = new AbortController();
    const executor = new InlineExecutor(runner, runsDir, 2);
    const id = createSweep(runsDir, s, { executor }).id;
    let epochsSeen = 0;
    const first = await runSweep(id, {
      runsDir,
      executor,
      signal: abort.signal,
      onEvent: (e) => {
        if (e.type === "trial-epoch" && ++epochsSeen === 4) abort.abort();
      },
    });
    expect(first.status).toBe("interrupted");
    const proposed = first.trials.map((t) => t.params);
    expect(first.trials.some((t) => t.state === "pending")).toBe(true);
    const second = await runSweep(id, { runsDir, executor });
    expect(second.status).toBe("completed");
    expect(second.trials).toHaveLength(5);
    expect(second.trials.slice(0, proposed.length).map((t) => t.params)).toEqual(proposed);
    for (const t of second.trials) {
      expect(["completed", "pruned"]).toContain(t.state);
      const segs = runner.segments.filter((x) => x.trial === t.number);
      // Every segment starts where the run stood: interrupted ones are continued, never restarted.
      const epochsTrained = segs.reduce((a, x) => a + (x.to - x.from), 0);
      expect(runner.runs.get(t.runId!)!.length).toBe(t.epochs);
      expect(epochsTrained).toBeGreaterThanOrEqual(t.epochs);
      expect(new Set(runner.runs.get(t.runId!)!.map((m) => m.epoch)).size).toBe(t.epochs);
    }
  });
});

describe("parseSweepSpec", () => {
  const parse = (raw: unknown) => () =>
    parseSweepSpec(raw, { resolveConfig: testResolver, epochsPath: "epochs", source: "s.yaml" });
  it("names every problem by its path", () => {
    expect(
      parse({
        method: "random",
        parameters: { "optimizer.lr": { distribution: "log_uniform", min: 0, max: 1 } },
      }),
    ).toThrow(
      /maxTrials: required for method random[\s\S]*parameters\.optimizer\.lr\.min: must be > 0|parameters\.optimizer\.lr\.min: must be > 0[\s\S]*maxTrials/,
    );
    expect(
      parse({ method: "random", maxTrials: 2, parameters: { "optimizer.lrr": { values: [1] } } }),
    ).toThrow(/parameters\.optimizer\.lrr: no field "lrr" in "optimizer" \(fields: kind, lr, momentum\)/);
    expect(
      parse({
        method: "grid",
        parameters: { "optimizer.lr": { distribution: "uniform", min: 0.1, max: 0.2 } },
      }),
    ).toThrow(/parameters\.optimizer\.lr: grid search needs \{ values/);
    expect(
      parse({ method: "random", maxTrials: 2, parameters: { "optimizer.lr": { values: [0.1, -1] } } }),
    ).toThrow(/parameters\.optimizer\.lr: value -1 gives an invalid config \(optimizer\.lr: must be > 0\)/);
    expect(
      parse({
        method: "tpe",
        maxTrials: 2,
        base: { optimizer: { lr: -1 } },
        parameters: { batchSize: { values: [1] } },
      }),
    ).toThrow(/base\.optimizer\.lr: must be > 0/);
    expect(
      parse({
        method: "random",
        maxTrials: 2,
        parameters: { x: { distribution: "uniform", min: 2, max: 1 } },
      }),
    ).toThrow(/parameters\.x\.max: max must be greater than min/);
  });
});
