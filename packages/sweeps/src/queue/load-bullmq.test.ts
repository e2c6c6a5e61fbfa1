import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// bullmq is an optional peer dependency: the built package, installed without it (every dependency of this
// package linked beside it but bullmq), still imports, and the queue says what to install when started.

const pkg = resolve(import.meta.dirname, "..", "..");
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A project whose node_modules has @mlp-lab/sweeps (dist + package.json) and its dependencies, not bullmq. */
function projectWithoutBullmq(): string {
  const dir = mkdtempSync(join(tmpdir(), "sweeps-no-bullmq-"));
  temps.push(dir);
  const modules = join(dir, "node_modules");
  const self = join(modules, "@mlp-lab", "sweeps");
  mkdirSync(self, { recursive: true });
  for (const p of ["dist", "package.json"]) cpSync(join(pkg, p), join(self, p), { recursive: true });
  const own = join(pkg, "node_modules");
  for (const scope of ["", "@mlp-lab", "@tensorflow"]) {
    for (const name of readdirSync(join(own, scope))) {
      if (name.startsWith(".") || name.startsWith("@") || name === "bullmq") continue;
      mkdirSync(join(modules, scope), { recursive: true });
      symlinkSync(realpathSync(join(own, scope, name)), join(modules, scope, name), "dir");
    }
  }
  return dir;
}

describe("without bullmq installed", () => {
  it("the package imports, and QueueExecutor / QueueWorker start() reject with the install command", () => {
    const dir = projectWithoutBullmq();
    const code = `
      const s = await import("@mlp-lab/sweeps");
      const out = {};
      for (const [name, start] of [
        ["executor", () => new s.QueueExecutor({ url: "redis://127.0.0.1:9", runsDir: "runs" }).start()],
        ["worker", () => new s.QueueWorker({ url: "redis://127.0.0.1:9", command: { script: "x.js", args: [] } }).start()],
      ]) {
        try { await start(); out[name] = "started"; } catch (e) { out[name] = { name: e.name, code: e.code, message: e.message }; }
      }
      console.log(JSON.stringify(out));
      process.exit(0);`;
    const res = spawnSync(process.execPath, ["--input-type=module", "-e", code], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(res.status, res.stderr).toBe(0);
    const out = JSON.parse(res.stdout.trim().split("\n").pop() as string) as Record<
      string,
      { name: string; code: string; message: string }
    >;
    for (const which of ["executor", "worker"]) {
      expect(out[which]).toMatchObject({ name: "QueueDependencyError", code: "QUEUE_DEPENDENCY_MISSING" });
      expect(out[which]!.message).toMatch(/needs the bullmq package .*`npm i bullmq`/);
    }
  });
});
