import { useBackend } from "@mlp-lab/backend";
import type { ImageSet } from "@mlp-lab/datasets";
import { beforeAll, describe, expect, it } from "vitest";
import { replayLogisticRegression, replayMlpClassifier } from "./sklearn-replay.js";

/** Ten well-separated classes of 4x4 grey images: class k lights pixel k, plus noise. */
function blobs(count: number, seed: number): ImageSet {
  const images = new Uint8Array(count * 16);
  const labels = new Uint8Array(count);
  let s = seed;
  const rand = () => {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    return s / 2 ** 31;
  };
  for (let i = 0; i < count; i++) {
    const label = i % 10;
    labels[i] = label;
    for (let p = 0; p < 16; p++) images[i * 16 + p] = Math.floor(rand() * 40);
    images[i * 16 + label] = 200 + Math.floor(rand() * 55);
  }
  return {
    name: "blobs",
    split: "train",
    images,
    labels,
    count,
    height: 4,
    width: 4,
    channels: 1,
    classNames: "0123456789".split(""),
    source: "memory",
  } as ImageSet;
}

describe("the course's scikit-learn cells, replayed", () => {
  const train = blobs(400, 1);
  const test = blobs(200, 2);
  beforeAll(async () => {
    await useBackend("cpu");
  });

  it("LogisticRegression(C=50, sag, tol 0.1): its score beside the course's, and coefficient maps", () => {
    const r = replayLogisticRegression(train, test);
    expect(r.comparisons).toHaveLength(1);
    expect(r.comparisons[0]).toMatchObject({ course: "0.8997", courseValue: 0.8997 });
    expect(r.comparisons[0]!.oursValue).toBeGreaterThan(0.9);
    expect(r.lines.at(-1)).toMatch(/^Test score with penalty: [01]\.\d{4} \(sag, \d+ epochs\)$/);
    expect(r.figures[0]!.svg).toMatch(/^<svg/);
  });

  it("adds the L-BFGS fit on request, with no course figure", () => {
    const r = replayLogisticRegression(train, test, { lbfgs: true });
    expect(r.comparisons[1]).toMatchObject({ course: "-" });
    expect(r.comparisons[1]!.oursValue).toBeGreaterThan(0.9);
  });

  it("MLPClassifier: the loss of its last iteration beside the course's, and the scores", () => {
    const r = replayMlpClassifier(train, test, 2);
    expect(r.comparisons.map((c) => c.label)).toEqual([
      "MLPClassifier loss, iteration 2",
      "MLPClassifier training set score",
      "MLPClassifier test set score",
    ]);
    expect(r.comparisons[0]!.course).toBe("0.13388073");
    expect(r.lines.some((l) => l.startsWith("Iteration 1, loss = "))).toBe(true);
    expect(r.figures[0]!.svg).toMatch(/^<svg/);
  });
});
