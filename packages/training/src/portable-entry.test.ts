import { fileURLToPath } from "node:url";
import {
  NODE_GLOBALS,
  bundleForBrowser,
  expectBrowserSafeBundle,
} from "@mlp-lab/vitest-config/browser-bundle";
import { describe, expect, it } from "vitest";

// The main entry must run in a browser: no `node:` import, no Node built-in module, no Node-only global.
// (The optional native backend is imported by a computed name only on the native backend.)

const entry = fileURLToPath(new URL("./index.ts", import.meta.url));
const resolveDir = fileURLToPath(new URL(".", import.meta.url));

describe("@mlp-lab/training main entry", () => {
  it("bundles for the browser with no Node built-in and no Node-only global", async () => {
    await expectBrowserSafeBundle(entry, { contains: ["trainValModel"] });
  });

  it("the check does catch a Node import (it can fail)", async () => {
    await expect(
      bundleForBrowser({
        contents: `import "./index.ts"; import { readFileSync } from "node:fs"; readFileSync("x");`,
        resolveDir,
      }),
    ).rejects.toThrow(/node:fs/);
    // Through a dependency's dist too, where tsup drops the `node:` prefix.
    await expect(bundleForBrowser({ contents: `import "./node/index.ts";`, resolveDir })).rejects.toThrow(
      /Could not resolve "(node:)?(fs|path|os|crypto)/,
    );
    expect(`Buffer.from("x")`).toMatch(NODE_GLOBALS);
  });
});
