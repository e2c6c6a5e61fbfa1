// Installed sizes: a whole node_modules tree, or one package with everything it pulls in.
import { existsSync, lstatSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";

/** Bytes of every file under `dir` (symlinks not followed). */
export function treeSize(dir, { skipNodeModules = false } = {}) {
  let total = 0;
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop();
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (skipNodeModules && entry.name === "node_modules") continue;
      const p = join(d, entry.name);
      if (entry.isDirectory()) stack.push(p);
      else if (entry.isFile()) total += lstatSync(p).size;
    }
  }
  return total;
}

/** Where `name` resolves from `fromDir` with Node's lookup (nested node_modules first, then upwards). */
function resolvePackageDir(fromDir, name, root) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === root || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

/**
 * Bytes of `name` installed under `nodeModules` plus its dependencies, optional dependencies and peers,
 * transitively (each package folder counted once, without its nested node_modules, which are walked).
 */
export function closureSize(nodeModules, name) {
  const root = dirname(nodeModules);
  const seen = new Set();
  const start = join(nodeModules, name);
  const stack = [start];
  let total = 0;
  while (stack.length > 0) {
    const dir = stack.pop();
    if (seen.has(dir)) continue;
    seen.add(dir);
    total += treeSize(dir, { skipNodeModules: true });
    const m = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    const deps = { ...m.peerDependencies, ...m.optionalDependencies, ...m.dependencies };
    for (const dep of Object.keys(deps)) {
      const found = resolvePackageDir(dir, dep, root);
      if (found) stack.push(found);
    }
  }
  return total;
}

/** 1234567 -> "1.2 MB" (decimal units, as npm prints them). */
export function formatBytes(n) {
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)} kB`;
  return `${n} B`;
}
