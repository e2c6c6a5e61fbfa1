#!/usr/bin/env node
// Copies the built course page (dist/static, without its data/ folder) into another package's output, e.g.
// the CLI's dist/course, which `mlp serve` serves at /course/ with the local data copies it resolves itself.
// Usage: mlp-course-copy-app <destination folder>
import { cpSync, existsSync, rmSync } from "node:fs";
import { resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const source = fileURLToPath(new URL("../dist/static/", import.meta.url));
const destination = process.argv[2];
if (!destination) {
  console.error("usage: mlp-course-copy-app <destination folder>");
  process.exit(2);
}
if (!existsSync(resolve(source, "index.html"))) {
  console.error(`mlp-course-copy-app: ${source} has no index.html; build @mlp-lab/course-web first`);
  process.exit(1);
}
const data = resolve(source, "data");
rmSync(destination, { recursive: true, force: true });
// The data files (44 MB) stay out: the server offers the local copies, keeping the CLI package small.
cpSync(source, destination, {
  recursive: true,
  filter: (path) => path !== data && !path.startsWith(data + sep),
});
