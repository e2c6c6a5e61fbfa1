#!/usr/bin/env node
// Compiles the N-API addon from source into build/Release/ with node-gyp. Not an install hook: linux-x64
// (glibc) installs get the prebuilt addon from prebuilds/, and installs never run scripts. Elsewhere run
//   npx mlp-native-build        (or: node node_modules/@mlp-lab/backend-native/scripts/install.cjs)
// once a toolchain is there. Exits 1 when the build fails; with --optional it reports and exits 0.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");
const { root, findNodeGyp, findNodeDir, NEEDS } = require("./toolchain.cjs");

const optional = process.argv.includes("--optional");

function fail(msg) {
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
function gypRun(command) {
  const args = [gyp, command, "--release", "-j", "max"];
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
}
// Incremental when already configured, full rebuild otherwise or on failure.
let res =
  fs.existsSync(path.join(root, "build", "Makefile")) && !process.argv.includes("--rebuild")
    ? gypRun("build")
    : null;
if (!res || res.error || res.status !== 0) res = gypRun("rebuild");
if (res.error) fail(String(res.error.message || res.error));
if (res.status !== 0) fail(`node-gyp exited with ${res.status}`);
if (!fs.existsSync(path.join(root, "build", "Release", "mlp_native.node")))
  fail("build/Release/mlp_native.node missing after build");
console.log(`@mlp-lab/backend-native: built ${path.join(root, "build", "Release", "mlp_native.node")}`);
