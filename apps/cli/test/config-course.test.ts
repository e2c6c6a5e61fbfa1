import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { mlp, tempDir } from "./cli.js";

describe("--config files, starting from a checkpoint folder, and mlp course", () => {
  const cwd = tempDir();

  it("takes flags from a YAML config, command-line flags winning", async () => {
    writeFileSync(
      join(cwd, "exp.yaml"),
      [
        "layers: [64, 32]",
        "optimizer: rmsprop",
        "lr: 0.002",
        "train-limit: 600",
        "valLimit: 200",
        "epochs: 3",
      ].join("\n"),
    );
    const r = await mlp(["train", "--config", "exp.yaml", "--epochs", "1", "--json"], cwd);
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout);
    const run = JSON.parse(readFileSync(join(result.runDir, "run.json"), "utf8"));
    expect(run.config.model).toMatchObject({ kind: "mlp", layers: [64, 32], activation: "relu" });
    expect(run.config.optimizer).toMatchObject({ name: "rmsprop", learningRate: 0.002 });
    expect(run.config.epochs).toBe(1);
    expect(run.dataset.trainCount).toBe(600);
  });

  it("starts a new run from a checkpoint folder", async () => {
    const first = JSON.parse(
      (await mlp(["train", "--train-limit", "600", "--val-limit", "200", "--json"], cwd)).stdout,
    );
    const r = await mlp(
      [
        "train",
        "--resume",
        join(first.runDir, "checkpoints", "last"),
        "--train-limit",
        "600",
        "--val-limit",
        "200",
      ],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("Epoch 1/1");
  });

  it("course --quick --only twolayer writes runs and an HTML + Markdown report with the course's numbers", async () => {
    const r = await mlp(["course", "--quick", "--only", "twolayer", "--out", "report"], cwd);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("== MLP with PyTorch: TwoLayerMLP, one epoch ==");
    const md = readFileSync(join(cwd, "report", "report.md"), "utf8");
    expect(md).toContain("| Nb errors (error rate) | 879 (8.79%) |");
    expect(md).toContain("figures/twolayer-errors.svg");
    expect(existsSync(join(cwd, "report", "figures", "twolayer-samples.svg"))).toBe(true);
    const html = readFileSync(join(cwd, "report", "report.html"), "utf8");
    // Self-contained: every figure is inlined.
    expect(html).toContain('src="data:image/svg+xml;base64,');
    expect(html).not.toMatch(/<img[^>]+src="(?!data:)/);
  });

  it("course --json lists each section with its seconds and the course's figures beside ours", async () => {
    const r = await mlp(
      ["course", "--quick", "--only", "twolayer,resume", "--json", "--out", "report-json"],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      report: { html: string };
      sections: Array<{
        id: string;
        status: string;
        seconds: number;
        runId?: string;
        comparisons: Array<{ label: string; course: string; courseValue?: number; oursValue?: number }>;
      }>;
    };
    expect(doc.report.html).toBe(join("report-json", "report.html"));
    expect(doc.sections.map((s) => [s.id, s.status])).toEqual([
      ["twolayer", "completed"],
      ["resume", "completed"],
    ]);
    const [twolayer, resume] = doc.sections;
    expect(twolayer!.seconds).toBeGreaterThan(0);
    // Resuming continues the same run.
    expect(resume!.runId).toBe(twolayer!.runId);
    const val = twolayer!.comparisons.find((c) => c.label === "val Loss / Acc");
    expect(val).toMatchObject({ course: "0.3062 / 91.21%", courseValue: 0.9121 });
    expect(val!.oursValue).toBeGreaterThan(0.5);
    // Counts and times have no fraction to compare.
    expect(twolayer!.comparisons.find((c) => c.label === "Total number of parameters")).not.toHaveProperty(
      "courseValue",
    );
  });
});
