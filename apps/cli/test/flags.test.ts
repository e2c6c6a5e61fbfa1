import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SMALL, mlp, tempDir } from "./cli.js";

describe("flag validation: exit code 2 and a message that names the flag", () => {
  const cwd = tempDir();
  const cases: Array<[string, string[], string]> = [
    ["negative learning rate", ["train", "--lr", "-0.1"], '--lr must be a positive number, got "-0.1"'],
    [
      "letters in --layers",
      ["train", "--layers", "a,b"],
      '--layers takes comma-separated positive integers such as 512,256,128; "a" is not one',
    ],
    ["unknown data set", ["train", "--dataset", "mnsit"], 'Did you mean "mnist"?'],
    ["unknown optimizer", ["train", "--optimizer", "adamm"], 'Did you mean "adam"?'],
    ["zero epochs", ["train", "--epochs", "0"], '--epochs must be an integer >= 1, got "0"'],
    ["unknown command", ["trian"], "Did you mean train?"],
    ["bad --split", ["eval", "x", "--split", "tset"], 'Did you mean "test"?'],
    ["unknown run", ["eval", "nope"], 'no run "nope"'],
    [
      "a path that is no run",
      ["train", "--resume", "models/mod-TwoLayerMLP"],
      "is neither a run folder nor a checkpoint folder",
    ],
    ["latest of an empty store", ["eval", "latest"], "no run in runs yet"],
  ];
  for (const [what, args, message] of cases) {
    it(what, async () => {
      const r = await mlp(args, cwd);
      expect(r.code).toBe(2);
      expect(r.stderr.toLowerCase()).toContain(message.toLowerCase());
    });
  }

  it("a batch size larger than the data set", async () => {
    const r = await mlp(["train", ...SMALL, "--batch-size", "5000"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--batch-size 5000 is larger than the training set (1000 samples)");
  });

  it("a config file with an unknown key or a bad value", async () => {
    writeFileSync(join(cwd, "bad.yaml"), "epochs: 2\nbatch-sise: 32\n");
    const r = await mlp(["train", "--config", "bad.yaml"], cwd);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--config bad.yaml: unknown key "batch-sise" (did you mean "batch-size"?)');
    writeFileSync(join(cwd, "bad.json"), JSON.stringify({ lr: -1 }));
    const r2 = await mlp(["train", "--config", "bad.json"], cwd);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('--config bad.json: --lr must be a positive number, got "-1"');
  });

  it("every command has help with examples", async () => {
    for (const command of [
      "train",
      "eval",
      "predict",
      "compare",
      "runs",
      "datasets",
      "doctor",
      "course",
      "plot",
    ]) {
      const r = await mlp([command, "--help"], cwd);
      expect(r.code, command).toBe(0);
      expect(r.stdout, command).toContain("Examples:");
    }
  });
});
