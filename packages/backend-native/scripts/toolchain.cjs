// Finds node-gyp and the Node headers for the addon builds (scripts/install.cjs, scripts/prebuild.cjs).
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

const NEEDS =
  "a C++ compiler (g++ or clang), make, python3 and the Node headers " +
  "(Debian: build-essential python3 libnode-dev; macOS: xcode-select --install)";

module.exports = { root, findNodeGyp, findNodeDir, NEEDS };
