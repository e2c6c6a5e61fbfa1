import { execFile } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { listRuns } from "@mlp-lab/runs";
import { afterAll, describe, expect, it } from "vitest";

// examples/train-course-mlp.mjs is the one source of the README's program; `pnpm test:packages` runs it
// from the installed tarballs, this test from the workspace's builds (this package and the CLI's bundle).
const PACKAGE = join(import.meta.dirname, "..");
const CLI = join(PACKAGE, "..", "..", "apps", "cli");
const EXAMPLE = join(PACKAGE, "examples", "train-course-mlp.mjs");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A project folder whose node_modules holds this package and the CLI, as `npm install` of both would. */
function project(): string {
  const dir = mkdtempSync(join(tmpdir(), "mlp-example-"));
  temps.push(dir);
  mkdirSync(join(dir, "node_modules", "@mlp-lab"), { recursive: true });
  symlinkSync(PACKAGE, join(dir, "node_modules", "@mlp-lab", "experiments"), "dir");
  symlinkSync(CLI, join(dir, "node_modules", "@mlp-lab", "cli"), "dir");
  return dir;
}

describe("the README's program", () => {
  it("is examples/train-course-mlp.mjs, word for word, in a ```js block", () => {
    const readme = readFileSync(join(PACKAGE, "README.md"), "utf8");
    expect(readme).toContain(`\`\`\`js\n${readFileSync(EXAMPLE, "utf8")}\`\`\``);
  });

  it("trains the course's TwoLayerMLP for one epoch into a complete run that `mlp runs` lists and `mlp eval` tests", async () => {
    expect(
      existsSync(join(CLI, "dist", "mlp.js")),
      "the CLI is not built: pnpm --filter @mlp-lab/cli build",
    ).toBe(true);
    const dir = project();
    const runsDir = join(dir, "runs");
    const { stdout } = await promisify(execFile)(process.execPath, [EXAMPLE, runsDir], {
      cwd: dir,
      env: { ...process.env, MLP_BACKEND: "", MLP_RUNS_DIR: "" },
      maxBuffer: 16 * 1024 * 1024,
    });
    expect(stdout).toMatch(
      /Epoch 0\/0\n-{10}\ntrain Loss: \d\.\d{4} Acc: \d+\.\d\d%\nval Loss: \d\.\d{4} Acc: 9\d\.\d\d%/,
    );
    const [entry] = await listRuns(runsDir);
    expect(entry).toMatchObject({ ok: true, run: { status: "completed", summary: { parameters: 39760 } } });
    const id = entry!.id;
    expect(readdirSync(join(runsDir, id, "checkpoints")).sort()).toEqual(["best", "last"]);
    // mlp runs list: the run's row; mlp eval: the best checkpoint on the 10,000 test images.
    expect(stdout).toMatch(
      new RegExp(`\\n${id}\\s+completed\\s+mnist\\s+two-layer 50\\s+sgd\\s+1/1\\s+9\\d\\.\\d\\d%`),
    );
    expect(stdout).toMatch(
      new RegExp(
        `Run ${id}, best checkpoint \\(epoch 0\\), mnist test: 10000 samples\\nLoss: \\d\\.\\d{4}  Accuracy: 9\\d\\.\\d\\d%`,
      ),
    );
  }, 600_000);
});
