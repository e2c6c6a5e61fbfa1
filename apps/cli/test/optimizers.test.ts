import { describe, expect, it } from "vitest";
import { mlp, tempDir } from "./cli.js";

interface Result {
  status: string;
  stoppedEarly: boolean;
  epochsRun: number;
  history: Array<{ epoch: number; lr: number }>;
}

describe("optimizer, schedule and early-stopping flags", () => {
  const cwd = tempDir();

  it("a warm-up then cosine schedule sets each epoch's learning rate", async () => {
    const r = await mlp(
      [
        "train",
        "--train-limit",
        "500",
        "--val-limit",
        "200",
        "--optimizer",
        "adamw",
        "--weight-decay",
        "0.01",
        "--scheduler",
        "cosine",
        "--warmup",
        "1",
        "--epochs",
        "3",
        "--json",
      ],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    const lrs = (JSON.parse(r.stdout) as Result).history.map((h) => h.lr);
    expect(lrs[0]).toBeLessThan(0.001);
    expect(lrs[1]).toBeCloseTo(0.001, 10);
    expect(lrs[2]).toBeLessThan(0.001);
  });

  it("early stopping ends an overfitting run before its last epoch", async () => {
    const r = await mlp(
      [
        "train",
        "--layers",
        "128",
        "--per-class",
        "3",
        "--batch-size",
        "10",
        "--val-limit",
        "300",
        "--optimizer",
        "adam",
        "--lr",
        "0.01",
        "--epochs",
        "40",
        "--early-stopping",
        "2",
        "--json",
      ],
      cwd,
    );
    expect(r.code, r.stderr).toBe(0);
    const result = JSON.parse(r.stdout) as Result;
    expect(result.status).toBe("completed");
    expect(result.stoppedEarly).toBe(true);
    expect(result.epochsRun).toBeLessThan(40);
  });

  it("rejects flags the chosen optimizer or schedule does not take", async () => {
    const beta = await mlp(["train", "--optimizer", "sgd", "--beta1", "0.8"], cwd);
    expect(beta.code).toBe(2);
    expect(beta.stderr).toContain("--beta1 applies to adam and adamw, not --optimizer sgd");
    const step = await mlp(["train", "--scheduler", "step"], cwd);
    expect(step.code).toBe(2);
    expect(step.stderr).toContain("--scheduler step needs --step-size <epochs>");
  });
});
