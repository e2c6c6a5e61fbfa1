// Finds node-gyp, the Node headers and the C++ toolchain for the addon builds (scripts/install.cjs,
// scripts/prebuild.cjs, and the build on first load in src/addon-cache.ts).
"use strict";
const fs = require("node:fs");
const path = require("node:path");

/** Package root (the folder holding binding.gyp). */
const root = path.resolve(__dirname, "..");

/** node-gyp's entry: a dependency, the one npm/pnpm announce, or npm's bundled copy. */
function findNodeGyp() {
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

/** Local Node headers, so the build works offline (node-gyp would otherwise download them). */
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

/** First of `names` that is an executable file on PATH (PATHEXT on Windows), else undefined. */
function findOnPath(names, env = process.env) {
  const dirs = (env.PATH || env.Path || "").split(path.delimiter).filter(Boolean);
  const exts = process.platform === "win32" ? (env.PATHEXT || ".EXE;.CMD;.BAT").split(";") : [""];
  for (const name of names)
    for (const dir of dirs)
      for (const ext of exts) {
        const file = path.join(dir, name + ext);
        try {
          fs.accessSync(file, fs.constants.X_OK);
          if (fs.statSync(file).isFile()) return file;
        } catch {}
      }
  return undefined;
}

/**
 * What a build of the addon from source lacks here, as short phrases (empty when everything is there):
 * node-gyp, a C++ compiler ($CXX or c++/g++/clang++), make and Python 3. On Windows node-gyp finds Visual
 * Studio's compiler itself, so only node-gyp and Python are checked.
 */
function toolchainProblems(env = process.env) {
  const problems = [];
  if (!findNodeGyp()) problems.push("node-gyp not found (npm bundles it; or npm i -g node-gyp)");
  if (!findOnPath(["python3", "python"], env)) problems.push("no python3 on PATH");
  if (process.platform !== "win32") {
    const cxx = env.CXX
      ? findOnPath([env.CXX], env) || (path.isAbsolute(env.CXX) && fs.existsSync(env.CXX))
      : undefined;
    if (env.CXX && !cxx) problems.push(`the compiler CXX=${env.CXX} was not found`);
    if (!env.CXX && !findOnPath(["c++", "g++", "clang++"], env))
      problems.push("no C++ compiler on PATH (c++, g++ or clang++; or set CXX)");
    if (!findOnPath(["make", "gmake"], env)) problems.push("no make on PATH");
  }
  return problems;
}

const NEEDS =
  "a C++ compiler (g++ or clang), make, python3 and the Node headers " +
  "(Debian: build-essential python3 libnode-dev; macOS: xcode-select --install)";

module.exports = { root, findNodeGyp, findNodeDir, findOnPath, toolchainProblems, NEEDS };
