import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "./cli.js";

const PACKAGE_DIR = resolve(import.meta.dirname, "..");

describe("the packed CLI", () => {
  // npm fetches tfjs, vega, resvg... from the registry: slow on a cold cache.
  it(
    "installs from its tarball into an empty folder and runs --help and a one-epoch train",
    { timeout: 480_000 },
    () => {
      const dir = tempDir("mlp-packed-");
      execFileSync("pnpm", ["pack", "--pack-destination", dir], { cwd: PACKAGE_DIR, stdio: "pipe" });
      const tarball = readdirSync(dir).find((f) => f.endsWith(".tgz"));
      expect(tarball).toBeDefined();
      const app = join(dir, "app");
      execFileSync("mkdir", ["-p", app]);
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: "packed-cli-test", private: true }));
      execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", join(dir, tarball!)], {
        cwd: app,
        stdio: "pipe",
        timeout: 420_000,
      });
      const bin = join(app, "node_modules", ".bin", "mlp");
      const help = execFileSync(bin, ["--help"], { cwd: app, encoding: "utf8" });
      expect(help).toContain("Usage: mlp");
      expect(help).toContain("train");
      const train = execFileSync(
        bin,
        ["train", "--train-limit", "2000", "--val-limit", "500", "--backend", "wasm"],
        {
          stdio: ["ignore", "pipe", "pipe"],
          cwd: app,
          encoding: "utf8",
          env: { ...process.env, MLP_RUNS_DIR: "" },
        },
      );
      expect(train).toContain("Total number of parameters = 39760");
      expect(train).toMatch(/val Loss: \d\.\d{4} Acc: \d+\.\d\d%/);
      expect(readdirSync(join(app, "runs"))).toHaveLength(1);
    },
  );
});
