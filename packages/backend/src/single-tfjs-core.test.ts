import { readdirSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const workspaceRoot = resolve(import.meta.dirname, "../../..");

describe("one @tensorflow/tfjs-core in the installed graph", () => {
  it("has a single tfjs-core version installed in the workspace store", () => {
    const store = join(workspaceRoot, "node_modules/.pnpm");
    const cores = readdirSync(store).filter((d) => d.startsWith("@tensorflow+tfjs-core@"));
    expect(cores).toHaveLength(1);
  });

  it("resolves every user of tfjs-core to the same files", () => {
    const fromHere = createRequire(import.meta.url);
    const coreOf = (req: NodeJS.Require) => realpathSync(req.resolve("@tensorflow/tfjs-core/package.json"));
    const own = coreOf(fromHere);
    const users = [
      "@tensorflow/tfjs-backend-cpu",
      "@tensorflow/tfjs-backend-wasm",
      "@tensorflow/tfjs-backend-webgpu",
    ].map((pkg) =>
      createRequire(join(dirname(realpathSync(fromHere.resolve(`${pkg}/package.json`))), "package.json")),
    );
    const packages = readdirSync(join(workspaceRoot, "packages")).concat();
    for (const pkg of packages) {
      try {
        users.push(createRequire(join(workspaceRoot, "packages", pkg, "package.json")));
        coreOf(users[users.length - 1]!);
      } catch {
        users.pop(); // packages without tfjs (metrics, random, ...) do not resolve it at all: fine
      }
    }
    expect(users.length).toBeGreaterThan(2);
    for (const req of users) expect(coreOf(req)).toBe(own);
  });
});
