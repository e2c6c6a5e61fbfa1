#!/usr/bin/env node
// Copies the built viewer app (dist/app) into another package's output, e.g. the CLI's dist/viewer, which
// `mlp serve` serves. Usage: mlp-viewer-copy-app <destination folder>
import { cpSync, existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../dist/app/", import.meta.url));
const destination = process.argv[2];
if (!destination) {
  console.error("usage: mlp-viewer-copy-app <destination folder>");
  process.exit(2);
}
if (!existsSync(resolve(source, "index.html"))) {
  console.error(`mlp-viewer-copy-app: ${source} has no index.html; build @mlp-lab/viewer first`);
  process.exit(1);
}
rmSync(destination, { recursive: true, force: true });
cpSync(source, destination, { recursive: true });
