import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The built, bundled CLI that the tests run as a subprocess. */
export const MLP = resolve(import.meta.dirname, "../dist/mlp.js");

/** What a CLI run printed and returned. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A fresh temporary folder to run the CLI in (its runs go to `<dir>/runs`). */
export function tempDir(prefix = "mlp-cli-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Start `mlp ...args` in `cwd`; the caller may signal it before it ends. */
export function start(
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv = {},
): { child: ChildProcess; done: Promise<CliResult> } {
  const child = spawn(process.execPath, [MLP, ...args], {
    cwd,
    env: { ...process.env, MLP_BACKEND: "wasm", MLP_RUNS_DIR: "", CI: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  const done = new Promise<CliResult>((resolveDone) => {
    child.on("close", (code) => resolveDone({ code, stdout, stderr }));
  });
  return { child, done };
}

/** Run `mlp ...args` in `cwd` to the end (`env` added to the test's environment). */
export function mlp(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return start(args, cwd, env).done;
}

/** Small, quick MNIST training flags for tests. */
export const SMALL = ["--train-limit", "1000", "--val-limit", "300"];
