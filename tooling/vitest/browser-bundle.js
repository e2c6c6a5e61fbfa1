// Checks that an entry point runs in a browser: esbuild bundles it with `platform: "browser"`, which refuses
// to resolve Node built-ins (so a `node:` import anywhere in the graph, also in a dependency's dist, fails
// the bundle), and the bundle is searched for Node-only globals.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";

/** Node-only globals that browser-safe code must not touch unguarded. */
export const NODE_GLOBALS = /\bBuffer\.|\bprocess\.(env|memoryUsage|pid|cwd|argv|exit)\b|\brequire\(/;

/** Peers left out of the bundle by default: tfjs-core is browser-first and the user's own copy. */
const DEFAULT_EXTERNAL = ["@tensorflow/tfjs-core"];

/** esbuild from the package under test (its devDependency), found from the entry's folder. */
async function loadEsbuild(fromDir) {
  const path = createRequire(pathToFileURL(`${fromDir}/`)).resolve("esbuild");
  const mod = await import(pathToFileURL(path).href);
  return mod.build ? mod : mod.default;
}

export async function bundleForBrowser(entry, options = {}) {
  const source = typeof entry === "string" ? undefined : entry;
  const fromDir = source ? source.resolveDir : dirname(entry);
  const { build } = await loadEsbuild(fromDir);
  const result = await build({
    ...(source
      ? { stdin: { contents: source.contents, resolveDir: source.resolveDir, loader: "ts" } }
      : { entryPoints: [entry] }),
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    external: options.external ?? DEFAULT_EXTERNAL,
  });
  return result.outputFiles[0].text;
}

export async function expectBrowserSafeBundle(entry, options = {}) {
  const code = await bundleForBrowser(entry, options);
  for (const text of options.contains ?? []) expect(code, `the bundle contains ${text}`).toContain(text);
  for (const text of options.excludes ?? [])
    expect(code, `the bundle does not contain ${text}`).not.toContain(text);
  expect(code).not.toMatch(NODE_GLOBALS);
  return code;
}
