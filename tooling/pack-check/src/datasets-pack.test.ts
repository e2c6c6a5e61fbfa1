import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { installIntoEmptyProject, packPackage, runIn } from "./pack-and-install.js";

const out = mkdtempSync(join(tmpdir(), "mlp-tarballs-"));
const projects: string[] = [];
afterAll(() => {
  for (const dir of [out, ...projects]) rmSync(dir, { recursive: true, force: true });
});

describe("@mlp-lab/datasets packed on its own", () => {
  it("installs from its tarball into an empty folder, imports, and reads MNIST", () => {
    const datasets = packPackage("packages/datasets", out);
    // Its one workspace dependency is packed beside it, as the registry would serve it.
    const random = packPackage("packages/random", out);
    const project = installIntoEmptyProject([datasets, random]);
    projects.push(project);

    const manifest = JSON.parse(
      readFileSync(join(project, "node_modules/@mlp-lab/datasets/package.json"), "utf8"),
    ) as { dependencies: Record<string, string> };
    expect(manifest.dependencies["@mlp-lab/random"]).toMatch(/^\d+\.\d+\.\d+$/);

    const output = runIn(
      project,
      `import { DATASETS, loadImageSet } from "@mlp-lab/datasets";
       const set = await loadImageSet("mnist", "test");
       console.log(JSON.stringify({ classes: DATASETS.mnist.classNames.length, count: set.count, shape: [set.height, set.width, set.channels] }));`,
    );
    expect(JSON.parse(output.trim())).toEqual({ classes: 10, count: 10000, shape: [28, 28, 1] });
  });
});
