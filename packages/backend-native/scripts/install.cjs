#!/usr/bin/env node
// Builds the N-API addon with node-gyp. At install time a failure is reported and the script exits 0, so
// `pnpm install` never fails; loadNativeBackend() then says the addon is missing and how to build it.
// With --strict (package `build` script) a failure exits 1.
"use strict";
const { spawnSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const strict = process.argv.includes("--strict");
const root = path.resolve(__dirname, "..");

function findNodeGyp() {
  // 1. node-gyp resolvable from here (a dependency); 2. the one npm/pnpm announce; 3. npm's bundled copy.
  const candidates = [];
  try {
    candidates.push(require.resolve("node-gyp/bin/node-gyp.js", { paths: [root] }));
  } catch {}
  if (process.env.npm_config_node_gyp) candidates.push(process.env.npm_config_node_gyp);
  const execDir = path.dirname(process.execPath);
  for (const base of [
    path.join(execDir, "..", "lib", "node_modules"),
    "/usr/lib/node_modules",
    "/usr/local/lib/node_modules",
  ]) {
    candidates.push(path.join(base, "npm", "node_modules", "node-gyp", "bin", "node-gyp.js"));
    candidates.push(path.join(base, "pnpm", "dist", "node_modules", "node-gyp", "bin", "node-gyp.js"));
  }
  return candidates.find((c) => c && fs.existsSync(c));
}

// Headers: use the local Node headers when present so the build works offline (no header download).
function findNodeDir() {
  if (process.env.npm_config_nodedir) return process.env.npm_config_nodedir;
  const prefix = path.resolve(path.dirname(process.execPath), "..");
  for (const dir of [prefix, "/usr", "/usr/local"]) {
    if (
      fs.existsSync(path.join(dir, "include", "node", "node_api.h")) &&
      fs.existsSync(path.join(dir, "include", "node", "common.gypi"))
    )
      return dir;
  }
  return undefined;
}

function fail(msg) {
  const text =
    `\n@mlp-lab/backend-native: the native addon was not built (${msg}).\n` +
    "The package still installs; the 'native' backend reports itself unavailable and other backends are used.\n" +
    "Needs: a C++ compiler (g++ or clang), make, python3 and the Node headers (Debian: build-essential python3 nodejs-dev or libnode-dev).\n" +
    "Build it later with: pnpm --filter @mlp-lab/backend-native build:native\n";
  if (strict) {
    console.error(text);
    process.exit(1);
  }
  console.warn(text);
  process.exit(0);
}

if (process.env.MLP_NATIVE_SKIP_BUILD) fail("MLP_NATIVE_SKIP_BUILD is set");
const gyp = findNodeGyp();
if (!gyp) fail("node-gyp not found");
const nodedir = findNodeDir();
function gypRun(command) {
  const args = [gyp, command, "--release", "-j", "max"];
  if (nodedir) args.push(`--nodedir=${nodedir}`);
  return spawnSync(process.execPath, args, { cwd: root, stdio: "inherit", env: process.env });
}
// Incremental when already configured (workspace re-installs), full rebuild otherwise or on failure.
let res =
  fs.existsSync(path.join(root, "build", "Makefile")) && !process.argv.includes("--rebuild")
    ? gypRun("build")
    : null;
if (!res || res.error || res.status !== 0) res = gypRun("rebuild");
if (res.error) fail(String(res.error.message || res.error));
if (res.status !== 0) fail(`node-gyp exited with ${res.status}`);
if (!fs.existsSync(path.join(root, "build", "Release", "mlp_native.node")))
  fail("build/Release/mlp_native.node missing after build");
