// `pnpm fuzz`: the long variants of the fuzz, crash-consistency and leak tests, package by package.
// FUZZ_RUNS (default 5000) cases per fuzz property, FUZZ_SEED (default 14) to replay, CRASH_KILLS
// (default 30) kills in the crash-consistency test. Pass package folders to limit it:
//   pnpm fuzz packages/datasets
// Failing inputs land in each package's src/__fuzz__/ corpus: commit them, they are replayed in CI.
import { spawnSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { join, relative } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const env = {
  ...process.env,
  FUZZ_RUNS: process.env.FUZZ_RUNS ?? "5000",
  CRASH_KILLS: process.env.CRASH_KILLS ?? "30",
  MLP_LONG_TESTS: "1",
};
const LONG = /\.(fuzz|crash|leak)\.test\.ts$|crash-consistency\.test\.ts$/;

function testsUnder(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name === "dist") continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...testsUnder(path));
    else if (LONG.test(entry.name)) out.push(path);
  }
  return out;
}

const packages = process.argv.slice(2).length
  ? process.argv.slice(2).map((p) => join(root, p))
  : ["packages", "apps"].flatMap((d) => readdirSync(join(root, d)).map((p) => join(root, d, p)));
let failed = 0;
for (const pkg of packages) {
  let files;
  try {
    files = testsUnder(join(pkg, "src"));
  } catch {
    continue;
  }
  if (files.length === 0) continue;
  console.log(`\n== ${relative(root, pkg)}: ${files.map((f) => relative(pkg, f)).join(", ")}`);
  const run = spawnSync("pnpm", ["exec", "vitest", "run", ...files.map((f) => relative(pkg, f))], {
    cwd: pkg,
    env,
    stdio: "inherit",
  });
  if (run.status !== 0) failed++;
}
console.log(failed === 0 ? "\nfuzz: all passed" : `\nfuzz: ${failed} package(s) failed`);
process.exit(failed === 0 ? 0 : 1);
