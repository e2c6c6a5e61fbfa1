import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mlp, start, tempDir } from "./cli.js";

// Adam and a step schedule: their states (moments, step count, schedule epoch) must resume too.
const FLAGS = [
  ...["--layers", "256,128", "--train-limit", "6000", "--val-limit", "1000", "--epochs", "6"],
  ...["--optimizer", "adam", "--scheduler", "step", "--step-size", "2", "--gamma", "0.5"],
];

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

describe("Ctrl-C and --resume", () => {
  it("an interrupted run is marked, exits 130, resumes and finishes exactly like an uninterrupted one", async () => {
    const cwd = tempDir();
    const { child, done } = start(["train", ...FLAGS], cwd);
    let out = "";
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      // After the first epoch's lines (its checkpoint is on disk), press Ctrl-C once.
      if (out.includes("val Loss") && !child.killed) child.kill("SIGINT");
    });
    const stopped = await done;
    expect(stopped.code, stopped.stderr).toBe(130);
    expect(stopped.stderr).toContain("Interrupted: run ");
    const [id] = readdirSync(join(cwd, "runs"));
    const runDir = join(cwd, "runs", id!);
    const interrupted = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    expect(interrupted.status).toBe("interrupted");
    const kept = metricsOf(runDir);
    expect(kept.length).toBeGreaterThanOrEqual(2);
    expect(kept.length).toBeLessThan(12);

    const listed = await mlp(["runs", "--json"], cwd);
    expect(JSON.parse(listed.stdout).runs[0].run.status).toBe("interrupted");

    const resumed = await mlp(["train", "--resume", id!], cwd);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toContain(`Resumed run ${id} (epoch ${kept.length / 2})`);
    const record = JSON.parse(readFileSync(join(runDir, "run.json"), "utf8"));
    expect(record.status).toBe("completed");
    expect(record.resumes).toHaveLength(1);
    const after = metricsOf(runDir);
    expect(after.map((l) => `${l.epoch}${l.phase}`)).toEqual(
      [0, 1, 2, 3, 4, 5].flatMap((e) => [`${e}train`, `${e}val`]),
    );

    // Same seed, same flags, no interruption: the same numbers (exact resume of weights, optimizer, shuffling).
    const reference = await mlp(["train", ...FLAGS, "--json", "--runs-dir", "ref"], cwd);
    expect(reference.code, reference.stderr).toBe(0);
    const refLines = metricsOf(JSON.parse(reference.stdout).runDir);
    for (let i = 0; i < refLines.length; i++) {
      expect(after[i]!.loss).toBeCloseTo(refLines[i]!.loss, 5);
      expect(after[i]!.accuracy).toBeCloseTo(refLines[i]!.accuracy, 6);
    }

    const again = await mlp(["train", "--resume", id!], cwd);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain("pass --epochs N to train N more");
  });
});
