#!/usr/bin/env node
// Builds the addon shipped in the package: prebuildify compiles it with node-gyp (N-API, so one binary
// serves every Node version), strips it and moves it to prebuilds/<platform>-<arch>/, named with the libc
// tag node-gyp-build matches at load (e.g. prebuilds/linux-x64/@mlp-lab+backend-native.glibc.node).
// One binary carries every kernel variant; the AVX-512 / AVX2 / portable choice is made at run time.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const prebuildify = require("prebuildify");
const { root, findNodeGyp, findNodeDir, NEEDS } = require("./toolchain.cjs");

const nodeGyp = findNodeGyp();
if (!nodeGyp) {
  console.error(`@mlp-lab/backend-native: node-gyp not found; the prebuild needs ${NEEDS}.`);
  process.exit(1);
}
const nodedir = findNodeDir();
if (nodedir) process.env.npm_config_nodedir = nodedir; // node-gyp reads npm_config_*: no header download
// prebuildify spawns `nodeGyp args...`; a wrapper runs node-gyp.js with this Node.
const wrapper = path.join(root, "build", "node-gyp-wrapper.sh");
fs.mkdirSync(path.dirname(wrapper), { recursive: true });
fs.writeFileSync(wrapper, `#!/bin/sh\nexec "${process.execPath}" "${nodeGyp}" "$@"\n`, { mode: 0o755 });
const out = path.join(root, "prebuilds", `${process.platform}-${process.arch}`);
const release = path.join(root, "build", "Release", "mlp_native.node");

// Up to date when the prebuild is newer than every source: the workspace build stays incremental.
function newestSource() {
  const files = [path.join(root, "binding.gyp"), __filename];
  for (const f of fs.readdirSync(path.join(root, "native"))) files.push(path.join(root, "native", f));
  return Math.max(...files.map((f) => fs.statSync(f).mtimeMs));
}
const existing = fs.existsSync(out) ? fs.readdirSync(out).filter((f) => f.endsWith(".node")) : [];
if (
  existing.length === 1 &&
  !process.argv.includes("--force") &&
  fs.statSync(path.join(out, existing[0])).mtimeMs > newestSource()
) {
  console.log(`@mlp-lab/backend-native: prebuild up to date (${path.join(out, existing[0])})`);
  if (!fs.existsSync(release)) {
    fs.mkdirSync(path.dirname(release), { recursive: true });
    fs.copyFileSync(path.join(out, existing[0]), release);
  }
  process.exit(0);
}
// Stale prebuilds of this platform would be shipped beside the new one: start clean.
fs.rmSync(out, { recursive: true, force: true });

prebuildify(
  { cwd: root, napi: true, strip: true, tagLibc: true, nodeGyp: wrapper, targets: [process.versions.node] },
  (err) => {
    if (err) {
      console.error(`@mlp-lab/backend-native: prebuild failed (${err.message || err}); it needs ${NEEDS}.`);
      process.exit(1);
    }
    for (const f of fs.readdirSync(out)) {
      console.log(`@mlp-lab/backend-native: prebuilt ${path.join(out, f)}`);
      // prebuildify moved the addon out of build/Release; keep a copy there for tools that load it directly.
      fs.copyFileSync(path.join(out, f), release);
    }
  },
);
