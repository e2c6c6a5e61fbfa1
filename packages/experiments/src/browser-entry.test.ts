import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// The ./browser entry must run in a page or a Web Worker: no `node:` import and no Node built-in anywhere
// in its graph (the workspace packages' built dist included), no Node-only global. esbuild with
// `platform: "browser"` refuses to resolve built-ins, so bundling fails on them.

const here = fileURLToPath(new URL(".", import.meta.url));

async function bundleForBrowser(contents: string): Promise<string> {
  const result = await build({
    stdin: { contents, resolveDir: here, loader: "ts" },
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
    // tfjs-core is a peer dependency and browser-first.
    external: ["@tensorflow/tfjs-core"],
  });
  return result.outputFiles[0]!.text;
}

/** Node-only globals our code must not touch unguarded. */
const NODE_GLOBALS = /\bBuffer\.|\bprocess\.(env|memoryUsage|pid|cwd|argv|exit|version)\b|\brequire\(/;

describe("@mlp-lab/experiments/browser", () => {
  it("bundles for the browser with no Node built-in and no Node-only global", async () => {
    const code = await bundleForBrowser(`export * from "./browser.ts";`);
    for (const name of ["trainSession", "parseExperimentConfig", "experimentSets", "valArtifacts"])
      expect(code).toContain(name);
    expect(code).not.toMatch(NODE_GLOBALS);
  });

  it("the check does catch a Node import: the main entry has them (it can fail)", async () => {
    await expect(bundleForBrowser(`export * from "./index.ts";`)).rejects.toThrow(
      /Could not resolve "(node:)?(fs|os|path|crypto|module|child_process)"/,
    );
    expect("process.version").toMatch(NODE_GLOBALS);
  });
});
