import { confusionMatrix } from "@mlp-lab/metrics";
import { describe, expect, it, vi } from "vitest";
import { courseHistory, overfittingHistory } from "./__fixtures__/synthetic.js";
import { confusionSpec } from "./confusion-spec.js";
import { curvesSpec } from "./curves-spec.js";
import { historyRows } from "./history.js";
import { perClassAccuracySpec } from "./per-class-accuracy-spec.js";
import { renderSpecSvg } from "./render-spec.js";

describe("curvesSpec", () => {
  it("draws one run in blue (train) and dashed red (val), like '-b' and '--r'", () => {
    const spec = JSON.stringify(curvesSpec(courseHistory()));
    expect(spec).toContain('"range":["blue","red"]');
    expect(spec).toContain('"range":[[1,0],[6,4]]');
    expect(spec).toContain('"title":"Epoch"');
  });
  it("colours several runs in their given order and keeps the dash for the phase", () => {
    const spec = JSON.stringify(
      curvesSpec([overfittingHistory("b"), courseHistory("a")], { metric: "both" }),
    );
    expect(spec).toContain('"domain":["b","a"]');
    expect(spec).toContain('"hconcat"');
  });
  it("rejects runs with the same label", () => {
    expect(() => historyRows([courseHistory("x"), courseHistory("x")])).toThrow(
      /two runs have the label "x"/,
    );
    expect(() => historyRows([])).toThrow(/at least one run/);
  });
});

describe("confusion and per-class specs", () => {
  const cm = confusionMatrix([0, 0, 1, 2, 2, 2], [0, 1, 1, 2, 2, 0], 3);
  it("holds one cell per (true, predicted) pair with its count", () => {
    const spec = confusionSpec(cm, { classNames: ["a", "b", "c"] }) as { data: { values: unknown[] } };
    expect(spec.data.values).toHaveLength(9);
    expect(spec.data.values).toContainEqual({ true: "c", predicted: "c", count: 2 });
    expect(() => confusionSpec(cm, { classNames: ["a"] })).toThrow(/1 class names for 3 classes/);
  });
  it("puts the overall accuracy in the legend", () => {
    expect(JSON.stringify(perClassAccuracySpec(cm))).toContain("Overall accuracy (66.7%)");
  });
  it("renders the same bytes whatever was rendered before", async () => {
    const first = await renderSpecSvg(confusionSpec(cm));
    await renderSpecSvg(perClassAccuracySpec(cm));
    expect(await renderSpecSvg(confusionSpec(cm))).toBe(first);
    expect(first).toContain('id="v1"');
  });
});

describe("specs compile cleanly", () => {
  it("make Vega-Lite log no warning (conflicting legends, bad encodings)", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const cm = confusionMatrix([0, 1, 1], [0, 1, 0], 2);
    const oneEpoch = {
      label: "one",
      records: [{ epoch: 0, phase: "train" as const, loss: 0.44, accuracy: 0.88 }],
    };
    for (const spec of [
      curvesSpec(courseHistory()),
      curvesSpec([courseHistory(), overfittingHistory()], { metric: "both" }),
      curvesSpec(oneEpoch, { metric: "accuracy" }),
      confusionSpec(cm),
      perClassAccuracySpec(cm),
    ]) {
      await renderSpecSvg(spec);
    }
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });
  it("draws a point for a run of a single epoch, where a line alone would be invisible", async () => {
    const oneEpoch = {
      label: "one",
      records: [{ epoch: 0, phase: "val" as const, loss: 0.31, accuracy: 0.91 }],
    };
    const svg = await renderSpecSvg(curvesSpec(oneEpoch));
    expect(svg).toMatch(/aria-roledescription="point"/);
  });
});
