import { describe, expect, it } from "vitest";
import { DATASETS, DATASET_NAMES, getDatasetInfo, isDatasetName } from "./registry.js";

describe("registry", () => {
  it("describes each set consistently: one mean/std per channel, one class name per class", () => {
    expect(DATASET_NAMES).toEqual(["mnist", "fashion-mnist", "cifar10"]);
    for (const info of Object.values(DATASETS)) {
      expect(info.mean).toHaveLength(info.channels);
      expect(info.std).toHaveLength(info.channels);
      expect(info.classNames).toHaveLength(10);
      for (const f of info.files) expect(f.md5).toMatch(/^[0-9a-f]{32}$/);
    }
    expect(DATASETS.mnist).toMatchObject({ mean: [0.1307], std: [0.3081], height: 28, channels: 1 });
    expect(DATASETS.cifar10.counts).toEqual({ train: 50000, test: 10000 });
  });

  it("lists every IDX file a split needs among the published files", () => {
    for (const info of [DATASETS.mnist, DATASETS["fashion-mnist"]]) {
      for (const split of ["train", "test"] as const) {
        for (const name of Object.values(info.idx![split])) {
          expect(info.files.find((f) => f.name === name)?.rawSha256).toMatch(/^[0-9a-f]{64}$/);
        }
      }
    }
  });

  it("narrows and looks up names, rejecting unknown ones with the known list", () => {
    expect(isDatasetName("cifar10")).toBe(true);
    expect(isDatasetName("toString")).toBe(false);
    expect(getDatasetInfo("fashion-mnist").classNames[9]).toBe("Ankle boot");
    expect(() => getDatasetInfo("svhn")).toThrow(
      'unknown data set "svhn"; known: mnist, fashion-mnist, cifar10',
    );
  });
});
