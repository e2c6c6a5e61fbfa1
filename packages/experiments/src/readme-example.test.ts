import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { listRuns } from "@mlp-lab/runs";
import { describe, expect, it } from "vitest";

const PACKAGE = join(import.meta.dirname, "..");
const EXAMPLE = join(PACKAGE, "examples", "train-course-mlp.ts");
const TSX = createRequire(import.meta.url).resolve("tsx/cli");

describe("the README's program", () => {
  it("is the example file, word for word", () => {
    const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
    expect(readme).toContain(readFileSync(EXAMPLE, "utf8").trim());
  });

  it("trains the course's TwoLayerMLP for one epoch into a complete run, importing only @mlp-lab/experiments", async () => {
    const runsDir = mkdtempSync(join(tmpdir(), "mlp-example-"));
    // The built package, as a user gets it (turbo builds it before its tests).
    const { stdout } = await promisify(execFile)(process.execPath, [TSX, EXAMPLE, runsDir], {
      cwd: PACKAGE,
      env: { ...process.env, MLP_BACKEND: "" },
    });
    expect(stdout).toMatch(
      /Epoch 0\/0\n-{10}\ntrain Loss: \d\.\d{4} Acc: \d+\.\d\d%\nval Loss: \d\.\d{4} Acc: 9\d\.\d\d%/,
    );
    expect(stdout).toMatch(/Run \S+: test accuracy 9\d\.\d\d%/);
    const [entry] = await listRuns(runsDir);
    expect(entry).toMatchObject({ ok: true, run: { status: "completed", summary: { parameters: 39760 } } });
    const runDir = join(runsDir, entry!.id);
    expect(readdirSync(join(runDir, "checkpoints")).sort()).toEqual(["best", "last"]);
  }, 600_000);
});
