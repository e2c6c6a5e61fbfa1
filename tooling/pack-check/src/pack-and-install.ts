import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

/** The workspace root, from this file's location. */
export const workspaceRoot = resolve(import.meta.dirname, "../../..");

/** `pnpm pack` a workspace package into `outDir` (workspace:* ranges become versions) and return the tarball. */
export function packPackage(packageDir: string, outDir: string): string {
  const before = new Set(readdirSync(outDir));
  execFileSync("pnpm", ["pack", "--pack-destination", outDir], {
    cwd: join(workspaceRoot, packageDir),
    stdio: "pipe",
  });
  const created = readdirSync(outDir).filter((f) => f.endsWith(".tgz") && !before.has(f));
  if (created.length !== 1) throw new Error(`expected one tarball from ${packageDir}, found ${created.join(", ")}`);
  return join(outDir, created[0]!);
}

/**
 * Install tarballs with npm into a new empty project folder, like a user would, and return the
 * folder. Only the npm registry is needed for third-party dependencies.
 */
export function installIntoEmptyProject(tarballs: string[]): string {
  const project = mkdtempSync(join(tmpdir(), "mlp-pack-check-"));
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", ...tarballs], {
    cwd: project,
    stdio: "pipe",
  });
  return project;
}

/** Run an ES module script inside the project and return its standard output. */
export function runIn(project: string, script: string): string {
  writeFileSync(join(project, "check.mjs"), script);
  return execFileSync(process.execPath, ["check.mjs"], { cwd: project, encoding: "utf8" });
}
