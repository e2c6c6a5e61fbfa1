// Finds the published packages of the workspace and packs them the way `pnpm publish` would.
import { execFile } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
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
 * One recursive `pnpm pack` of the packages into `outDir` (pnpm turns `workspace:^` and `catalog:` into real
 * ranges, as `pnpm publish` does). A package whose `dist/` is missing is an error: build first.
 */
export async function packAll(pkgs, outDir, repo) {
  mkdirSync(outDir, { recursive: true });
  for (const p of pkgs)
    if (!existsSync(join(p.dir, "dist")))
      throw new Error(`${p.name} has no dist/: run \`pnpm build\` before \`pnpm test:packages\``);
  const filters = pkgs.flatMap((p) => ["--filter", `./${relative(repo, p.dir)}`]);
  await execFileAsync("pnpm", ["-r", ...filters, "pack", "--pack-destination", outDir], {
    cwd: repo,
    maxBuffer: 64 * 1024 * 1024,
  });
  return pkgs.map((p) => {
    const tarball = join(outDir, `${p.name.replace(/^@/, "").replace("/", "-")}-${p.version}.tgz`);
    if (!existsSync(tarball)) throw new Error(`pnpm pack made no ${tarball}`);
    return { ...p, tarball, packedBytes: statSync(tarball).size };
  });
}
