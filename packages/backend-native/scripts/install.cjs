#!/usr/bin/env node
// Compiles the N-API addon from source with node-gyp. Not an install hook: installs never run scripts.
// linux-x64 (glibc) installs load the prebuilt addon from prebuilds/; elsewhere the package compiles it on
// first load into a per-user cache when a toolchain is there (src/addon-cache.ts runs this with --out), or
// run it yourself once a toolchain is there:
//   npx mlp-native-build        (or: node node_modules/@mlp-lab/backend-native/scripts/install.cjs)
// Without --out the addon goes to build/Release/ in the package. With --out <dir> the sources are copied to
// a scratch folder beside <dir>, built there, and <dir>/mlp_native.node appears by one rename (so a
// read-only package folder is fine and a reader never sees half a file).
// Exits 1 when the build fails; with --optional it reports and exits 0.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { root, findNodeGyp, findNodeDir, NEEDS } = require("./toolchain.cjs");

const argv = process.argv.slice(2);
const optional = argv.includes("--optional");
const outAt = argv.indexOf("--out");
const outDir = outAt >= 0 ? argv[outAt + 1] : undefined;
if (outAt >= 0 && !outDir) {
  console.error("mlp-native-build: --out needs a folder");
  process.exit(2);
}

let scratch;
function fail(msg) {
  if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  const text =
    `\n@mlp-lab/backend-native: the native addon was not built (${msg}).\n` +
    `Needs: ${NEEDS}.\n` +
    "Without it the 'native' backend reports itself unavailable and 'auto' uses wasm.\n";
  console.error(text);
  process.exit(optional ? 0 : 1);
}

const gyp = findNodeGyp();
if (!gyp) fail("node-gyp not found");
const nodedir = findNodeDir();

let cwd = root;
if (outDir) {
  // The sources only (binding.gyp, native/): never the package's own build/ folder.
  fs.mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
  scratch = fs.mkdtempSync(`${path.resolve(outDir)}.build-`);
  fs.copyFileSync(path.join(root, "binding.gyp"), path.join(scratch, "binding.gyp"));
  fs.cpSync(path.join(root, "native"), path.join(scratch, "native"), { recursive: true });
  cwd = scratch;
}

function gypRun(command) {
  const args = [gyp, command, "--release", "-j", "max"];
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  return spawnSync(process.execPath, args, { cwd, stdio: "inherit", env: process.env });
}
// Incremental when already configured, full rebuild otherwise or on failure.
let res =
  !outDir && fs.existsSync(path.join(root, "build", "Makefile")) && !argv.includes("--rebuild")
    ? gypRun("build")
    : null;
if (!res || res.error || res.status !== 0) res = gypRun("rebuild");
if (res.error) fail(String(res.error.message || res.error));
if (res.status !== 0) fail(`node-gyp exited with ${res.status}`);
const built = path.join(cwd, "build", "Release", "mlp_native.node");
if (!fs.existsSync(built)) fail("build/Release/mlp_native.node missing after build");
if (outDir) {
  fs.mkdirSync(outDir, { recursive: true });
  const target = path.join(outDir, "mlp_native.node");
  const temp = `${target}.${process.pid}.tmp`;
  fs.copyFileSync(built, temp);
  fs.renameSync(temp, target);
  fs.rmSync(scratch, { recursive: true, force: true });
  console.log(`@mlp-lab/backend-native: built ${target}`);
} else console.log(`@mlp-lab/backend-native: built ${built}`);
