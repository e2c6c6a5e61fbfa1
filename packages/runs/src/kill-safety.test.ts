import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { listRuns } from "./list-runs.js";
import { readMetrics } from "./read-metrics.js";
import { readRun } from "./read-run.js";
import { tempRunsDir } from "./test-helpers.js";

const { dir, cleanup } = tempRunsDir();
afterAll(cleanup);
const here = dirname(fileURLToPath(import.meta.url));

/** Start the busy writer, SIGKILL it once it is mid-stream, and wait for it to be gone. */
function killWriterMidStream(): Promise<void> {
  // tsx (a dev dependency) runs the TypeScript fixture; resolved from the package folder.
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(here, "__fixtures__", "busy-writer.ts"), dir],
    {
      cwd: join(here, ".."),
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout.on("data", () => child.kill("SIGKILL"));
    child.on("exit", (_code, signal) =>
      signal === "SIGKILL" ? resolve() : reject(new Error("writer exited on its own")),
    );
  });
}

describe("a writer killed at an arbitrary point", () => {
  it("leaves a readable run.json, readable metrics and an interrupted status", async () => {
    await killWriterMidStream();
    const run = await readRun(dir, "killed-writer");
    expect(run.status).toBe("interrupted"); // staleness: the writer process is gone
    expect((await readRun(dir, "killed-writer", { raw: true })).status).toBe("running");
    const lines = await readMetrics(dir, "killed-writer");
    expect(lines.length).toBeGreaterThanOrEqual(12);
    expect(run.summary.lastEpoch).toBeGreaterThanOrEqual(5);
    const entries = await listRuns(dir);
    expect(entries).toMatchObject([{ ok: true, id: "killed-writer", stale: true }]);
    // At most a hidden temporary file from the interrupted rename; never a visible partial file.
    const visible = readdirSync(join(dir, "killed-writer")).filter((n) => !n.startsWith("."));
    expect(visible.sort()).toEqual(["artifacts", "checkpoints", "metrics.jsonl", "run.json"]);
  });
});
