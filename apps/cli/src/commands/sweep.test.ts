import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../dist/mlp.js", import.meta.url));

// Four trials of a tiny MLP on MNIST subsets, three epochs each, in two local worker processes.
const SPEC = `
name: cli-test
method: grid
base:
  data: { trainLimit: 600, valLimit: 200 }
  model: { kind: mlp, layers: [16] }
  epochs: 3
  batchSize: 32
parameters:
  optimizer.learningRate: { values: [0.02, 0.1] }
  model.layers: { values: [[16], [32]] }
`;

function mlp(args: string[], cwd: string) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, MLP_RUNS_DIR: "", CI: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on("close", (code) => resolve({ code, stdout, stderr })),
  );
  return { child, done, stderr: () => stderr };
}

function runsOf(runsDir: string, sweepId: string) {
  return readdirSync(runsDir)
    .filter((d) => !d.startsWith("."))
    .map(
      (d) =>
        JSON.parse(readFileSync(join(runsDir, d, "run.json"), "utf8")) as {
          id: string;
          status: string;
          tags: string[];
        },
    )
    .filter((r) => r.tags.includes(`sweep:${sweepId}`));
}

describe("mlp sweep (local worker processes)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mlp-sweep-"));
    writeFileSync(join(dir, "spec.yaml"), SPEC);
    writeFileSync(join(dir, "bad.yaml"), SPEC.replace("optimizer.learningRate", "optimizer.lrr"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a spec with a bad field path, naming it", async () => {
    const { code, stderr } = await mlp(["sweep", "bad.yaml"], dir).done;
    expect(code).toBe(1);
    expect(stderr).toMatch(/parameters\.optimizer\.lrr: no field "lrr" in "optimizer"/);
  });

  it("survives a killed controller: resume finishes every trial once, from its checkpoint", async () => {
    const first = mlp(["sweep", "spec.yaml", "--parallel", "2", "--runs-dir", "runs"], dir);
    // Kill the controller (and so its workers) once two epochs are reported.
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        if ((first.stderr().match(/epoch \d: val_accuracy/g) ?? []).length >= 2) {
          clearInterval(timer);
          first.child.kill("SIGKILL");
          resolve();
        }
      }, 100);
    });
    await first.done;
    const listed = await mlp(["sweeps", "--runs-dir", "runs", "--json"], dir).done;
    const [sweep] = JSON.parse(listed.stdout) as Array<{ id: string; status: string }>;
    expect(sweep!.status).toBe("interrupted");

    const resumed = await mlp(["sweep", "resume", "latest", "--parallel", "2", "--runs-dir", "runs"], dir)
      .done;
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(
      /trial\s+optimizer\.learningRate\s+model\.layers\s+val_accuracy\s+epochs\s+status/,
    );
    expect(resumed.stdout).toMatch(/Best: trial \d/);

    const shown = await mlp(["sweeps", "show", sweep!.id, "--runs-dir", "runs", "--json"], dir).done;
    const record = JSON.parse(shown.stdout) as {
      status: string;
      trials: Array<{ state: string; epochs: number; runId: string }>;
    };
    expect(record.status).toBe("completed");
    expect(record.trials.map((t) => [t.state, t.epochs])).toEqual(Array(4).fill(["completed", 3]));
    const runs = runsOf(join(dir, "runs"), sweep!.id);
    expect(runs.map((r) => r.id).sort()).toEqual(record.trials.map((t) => t.runId).sort());
    for (const run of runs) {
      expect(run.status).toBe("completed");
      const epochs = readFileSync(join(dir, "runs", run.id, "metrics.jsonl"), "utf8")
        .trim()
        .split("\n")
        .map((l) => JSON.parse(l) as { epoch: number; phase: string })
        .filter((m) => m.phase === "val")
        .map((m) => m.epoch);
      expect(epochs).toEqual([0, 1, 2]);
    }
    for (const f of [
      "parallel-coordinates.svg",
      "parallel-coordinates.png",
      "best-so-far.svg",
      "best-so-far.png",
    ])
      expect(existsSync(join(dir, "runs", ".sweeps", sweep!.id, f))).toBe(true);
  }, 180_000);
});
