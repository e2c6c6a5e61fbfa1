import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// The main entry must run in a browser: no `node:` import, no Node built-in module, no Node-only
// global. esbuild with `platform: "browser"` refuses to resolve built-ins, so bundling fails on them.

const entry = fileURLToPath(new URL("./index.ts", import.meta.url));

async function bundleForBrowser(stdin?: string): Promise<string> {
  const result = await build({
    ...(stdin
      ? { stdin: { contents: stdin, resolveDir: fileURLToPath(new URL(".", import.meta.url)), loader: "ts" } }
      : { entryPoints: [entry] }),
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
const NODE_GLOBALS = /\bBuffer\.|\bprocess\.(env|memoryUsage|pid|cwd|argv|exit)\b|\brequire\(/;

describe("@mlp-lab/models main entry", () => {
  it("bundles for the browser with no Node built-in and no Node-only global", async () => {
    const code = await bundleForBrowser();
    expect(code).toContain("decodeSafetensors");
    expect(code).not.toMatch(NODE_GLOBALS);
  });

  it("so does the ./image entry, which needs no tfjs either", async () => {
    const code = await bundleForBrowser(`export * from "./image/index.ts";`);
    expect(code).toContain("imageToInput");
    expect(code).not.toMatch(NODE_GLOBALS);
    expect(code).not.toContain("@tensorflow/tfjs-core");
  });

  it("the check does catch a Node import (it can fail)", async () => {
    await expect(
      bundleForBrowser(`import "./index.ts"; import { readFileSync } from "node:fs"; readFileSync("x");`),
    ).rejects.toThrow(/node:fs/);
    expect(`Buffer.from("x")`).toMatch(NODE_GLOBALS);
  });
});
