import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { SHOTS_DIR, skipBrowserTests, useViewerSession } from "./browser.js";

/**
 * The built `mlp` bundle (apps/cli builds after this package, so it is not a dependency; override with
 * MLP_CLI). These tests check what the real trainer writes, not a fixture shaped like it.
 */
const CLI = process.env.MLP_CLI ?? fileURLToPath(new URL("../../cli/dist/mlp.js", import.meta.url));
const cliMissing = !existsSync(CLI);
if (cliMissing && !skipBrowserTests()) {
  console.warn(`skipping the real-run browser tests: ${CLI} is missing (pnpm --filter @mlp-lab/cli build)`);
}

/** Train a small MNIST run with the real CLI into `runsDir`; returns its id. */
function trainWithCli(runsDir: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const args = ["train", "--train-limit", "600", "--val-limit", "200", "--epochs", "1"];
    const child = spawn(process.execPath, [CLI, ...args, "--runs-dir", runsDir, "--json"], {
      env: { ...process.env, MLP_BACKEND: "wasm", MLP_RUNS_DIR: "", CI: "1" },
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
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`${CLI} train exited ${code}: ${stderr}`));
      else resolve((JSON.parse(stdout) as { runId: string }).runId);
    });
  });
}

describe.skipIf(skipBrowserTests() || cliMissing)("viewer on a run written by mlp train", () => {
  let runId: string;
  const session = useViewerSession("mlp-viewer-cli-e2e-", async (runsDir) => {
    runId = await trainWithCli(runsDir);
  });
  const { open } = session;

  it("shows the sample grid and the misclassified gallery from the trainer's sample-images.json", async () => {
    const artifact = JSON.parse(
      readFileSync(join(session.runsDir, runId, "artifacts", "sample-images.json"), "utf8"),
    ) as { samples: Array<{ label: number; prediction: number }> };
    const wrong = artifact.samples.filter((s) => s.label !== s.prediction).length;
    // One epoch on 600 images leaves errors among 200 validation samples: both figures must appear.
    expect(wrong).toBeGreaterThan(0);
    await open(`#/runs/${runId}`);
    const grid = await session.page.waitForSelector('img[alt="sample predictions"]');
    const gallery = await session.page.waitForSelector('img[alt="misclassified samples"]');
    for (const img of [grid, gallery]) {
      await session.page.waitForFunction((el) => (el as HTMLImageElement).naturalWidth > 0, img);
    }
    expect(await session.page.textContent(".samples h3")).toBe(
      `Misclassified: ${wrong} of the ${artifact.samples.length} saved samples`,
    );
    // Titled without the default "Error rate": over samples picked for their errors it would mislead.
    const svg = decodeURIComponent((await gallery.getAttribute("src")) ?? "");
    expect(svg).toContain("<title>Misclassified samples</title>");
    expect(svg).not.toContain("Error rate");
    // The predictions table is only the fallback for runs without images.
    expect(await session.page.$("table.predictions")).toBeNull();
    await session.page.screenshot({ path: join(SHOTS_DIR, "real-gallery.png"), fullPage: true });
  });

  it("normalises Try it drawings with the statistics the run recorded", async () => {
    await open(`#/runs/${runId}/try`);
    await session.page.waitForSelector("canvas.drawing");
    expect(await session.page.textContent(".normalization")).toBe("mean 0.1307 / std 0.3081 (from the run)");
  });
});
