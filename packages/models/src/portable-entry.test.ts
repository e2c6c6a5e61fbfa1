import { fileURLToPath } from "node:url";
import {
  NODE_GLOBALS,
  bundleForBrowser,
  expectBrowserSafeBundle,
} from "@mlp-lab/vitest-config/browser-bundle";
import { describe, expect, it } from "vitest";

// The main entry must run in a browser: no `node:` import, no Node built-in module, no Node-only global.

const entry = fileURLToPath(new URL("./index.ts", import.meta.url));
const resolveDir = fileURLToPath(new URL(".", import.meta.url));

describe("@mlp-lab/models main entry", () => {
  it("bundles for the browser with no Node built-in and no Node-only global", async () => {
    await expectBrowserSafeBundle(entry, { contains: ["decodeSafetensors"] });
  });

  it("so does the ./image entry, which needs no tfjs either", async () => {
    await expectBrowserSafeBundle(
      { contents: `export * from "./image/index.ts";`, resolveDir },
      { contains: ["imageToInput"], excludes: ["@tensorflow/tfjs-core"] },
    );
  });

  it("the check does catch a Node import (it can fail)", async () => {
    await expect(
      bundleForBrowser({
        contents: `import "./index.ts"; import { readFileSync } from "node:fs"; readFileSync("x");`,
        resolveDir,
      }),
    ).rejects.toThrow(/node:fs/);
    expect(`Buffer.from("x")`).toMatch(NODE_GLOBALS);
  });
});
