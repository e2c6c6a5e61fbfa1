import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { runExperiment } from "@mlp-lab/experiments";
import { describe, expect, it } from "vitest";
import { mlp, start, tempDir } from "./cli.js";

const FLAGS = ["--layers", "32", "--optimizer", "adam", "--train-limit", "600", "--val-limit", "200"];

function losses(runDir: string): number[] {
  return readFileSync(join(runDir, "metrics.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => (JSON.parse(l) as { loss: number }).loss);
}

describe("experiment configs: --print-config, --config, and runs made by the library", () => {
  const cwd = tempDir();

  it("--print-config then --config trains the same run as the flags", async () => {
    const printed = await mlp(["train", ...FLAGS, "--epochs", "2", "--print-config"], cwd);
    expect(printed.code, printed.stderr).toBe(0);
    expect(printed.stdout).toMatch(/^version: 2\n/);
    expect(printed.stdout).toContain("name: adam");
    writeFileSync(join(cwd, "e.yaml"), printed.stdout);
    const fromFile = await mlp(["train", "--config", "e.yaml", "--json"], cwd);
    expect(fromFile.code, fromFile.stderr).toBe(0);
    const fromFlags = await mlp(["train", ...FLAGS, "--epochs", "2", "--json"], cwd);
    expect(fromFlags.code, fromFlags.stderr).toBe(0);
    const [a, b] = [JSON.parse(fromFile.stdout).runDir, JSON.parse(fromFlags.stdout).runDir];
    expect(losses(a)).toHaveLength(4);
    expect(losses(a)).toEqual(losses(b));
    const run = JSON.parse(readFileSync(join(a, "run.json"), "utf8"));
    expect(run.schemaVersion).toBe(2);
    expect(run.config).not.toHaveProperty("flags");
    expect(run.config).toMatchObject({ version: 2, model: { kind: "mlp", layers: [32] }, epochs: 2 });
  });

  it("command-line flags override the config file, and a bad field is named", async () => {
    const r = await mlp(
      ["train", "--config", "e.yaml", "--epochs", "1", "--seed", "7", "--print-config"],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("epochs: 1\n");
    expect(r.stdout).toContain("seed: 7\n");
    expect(r.stdout).toContain("name: adam");
    writeFileSync(
      join(cwd, "bad.yaml"),
      "version: 2\noptimizer: { name: sgd, learningRate: -1, beta1: 0.9 }\n",
    );
    const bad = await mlp(["train", "--config", "bad.yaml"], cwd);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--config bad.yaml: optimizer.learningRate: must be > 0");
    expect(bad.stderr).toContain("optimizer: unknown key(s) beta1");
  });

  it("a run made by runExperiment is listed, evaluated, resumed and served by the CLI", async () => {
    const result = await runExperiment(
      { data: { trainLimit: 600, valLimit: 200 }, backend: "wasm" },
      { runsDir: join(cwd, "lib-runs") },
    );
    const args = ["--runs-dir", "lib-runs"];
    const listed = JSON.parse((await mlp(["runs", "--json", ...args], cwd)).stdout);
    expect(listed.runs.map((e: { id: string }) => e.id)).toContain(result.runId);
    const ev = await mlp(["eval", result.runId, "--split", "val", "--json", ...args], cwd);
    expect(ev.code, ev.stderr).toBe(0);
    expect(JSON.parse(ev.stdout)).toMatchObject({ run: result.runId, samples: 200 });
    const more = await mlp(["train", "--resume", result.runId, "--epochs", "1", ...args], cwd);
    expect(more.code, more.stderr).toBe(0);
    expect(more.stdout).toContain(`Resumed run ${result.runId} (epoch 1)`);
    expect(losses(result.runDir)).toHaveLength(4);

    const { child, done } = start(["serve", "lib-runs", "--port", "0"], cwd);
    const url = await new Promise<string>((resolve) => {
      let out = "";
      child.stdout!.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /mlp viewer: (\S+)/.exec(out);
        if (m) resolve(m[1]!);
      });
    });
    const api = (await (await fetch(new URL("/api/runs", url))).json()) as { runs: Array<{ id: string }> };
    child.kill("SIGINT");
    await done;
    expect(api.runs.map((e) => e.id)).toContain(result.runId);
  });
});
