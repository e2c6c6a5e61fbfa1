// Packs @mlp-lab/datasets (and its workspace dependency @mlp-lab/random) exactly as they would be
// published, installs the tarballs into an empty folder and imports the package from there: this catches
// a missing file in `files`, a broken `exports` map, or a dependency only the workspace provided.
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const pkgDir = dirname(dirname(fileURLToPath(import.meta.url)));
const randomDir = join(pkgDir, "..", "random");

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

it("packs alone, installs from the tarball into an empty folder, and loads MNIST from there", async () => {
  for (const dir of [pkgDir, randomDir]) {
    if (!existsSync(join(dir, "dist", "index.js")))
      throw new Error(`${dir}/dist is missing: run pnpm build first`);
  }
  const out = await mkdtemp(join(tmpdir(), "mlp-datasets-pack-"));
  run("pnpm", ["pack", "--pack-destination", out], pkgDir);
  run("pnpm", ["pack", "--pack-destination", out], randomDir);
  const tarballs = readdirSync(out);
  const datasets = tarballs.find((f) => f.startsWith("mlp-lab-datasets-"))!;
  const random = tarballs.find((f) => f.startsWith("mlp-lab-random-"))!;
  // @mlp-lab/random is not on the registry yet: point its dependency at the local tarball.
  writeFileSync(
    join(out, "package.json"),
    JSON.stringify({
      name: "pack-smoke",
      private: true,
      type: "module",
      pnpm: { overrides: { "@mlp-lab/random": `file:./${random}` } },
    }),
  );
  run("pnpm", ["add", "--prefer-offline", `./${datasets}`], out);
  const script =
    'const m = await import("@mlp-lab/datasets");' +
    'const s = await m.loadImageSet("mnist", "test", { download: false, env: {}, cacheDir: "/nonexistent-mlp-lab-cache" });' +
    "console.log(JSON.stringify({ count: s.count, source: s.source, hasLoader: typeof m.BatchLoader }));";
  const result = JSON.parse(run("node", ["--input-type=module", "-e", script], out).trim());
  expect(result.count).toBe(10000);
  expect(result.hasLoader).toBe("function");
  expect(result.source).toContain(join(out, "node_modules"));
}, 120_000);
