// Finds the published packages of the workspace and packs them the way `pnpm publish` would.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

/**
 * Every non-private package under packages/ and apps/, with its examples (`examples/*.mjs`). New packages are
 * picked up without editing this file.
 */
export function discoverPackages(repo) {
  const found = [];
  for (const group of ["packages", "apps"]) {
    for (const name of readdirSync(join(repo, group)).sort()) {
      const dir = join(repo, group, name);
      const manifestPath = join(dir, "package.json");
      if (!existsSync(manifestPath)) continue;
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      if (manifest.private) continue;
      const exampleDir = join(dir, "examples");
      const examples = existsSync(exampleDir)
        ? readdirSync(exampleDir)
            .filter((f) => f.endsWith(".mjs"))
            .sort()
            .map((file) => ({ file, path: join(exampleDir, file) }))
        : [];
      found.push({ name: manifest.name, version: manifest.version, dir, manifest, examples });
    }
  }
  return found;
}

/**
 * `pnpm pack` of each package into `outDir` (pnpm turns `workspace:^` and `catalog:` into real ranges, as
 * `pnpm publish` does), three at a time. A package whose `dist/` is missing is an error: build first.
 */
export async function packAll(pkgs, outDir) {
  mkdirSync(outDir, { recursive: true });
  for (const p of pkgs)
    if (!existsSync(join(p.dir, "dist")))
      throw new Error(`${p.name} has no dist/: run \`pnpm build\` before \`pnpm test:packages\``);
  const results = new Array(pkgs.length);
  let next = 0;
  async function worker() {
    while (next < pkgs.length) {
      const i = next++;
      const p = pkgs[i];
      const { stdout } = await execFileAsync("pnpm", ["pack", "--pack-destination", outDir], { cwd: p.dir });
      const tarball = stdout.trim().split("\n").pop().trim();
      results[i] = { ...p, tarball, packedBytes: statSync(tarball).size };
    }
  }
  await Promise.all([worker(), worker(), worker()]);
  return results;
}
