import { COURSE_SECTIONS, type ExperimentResult } from "@mlp-lab/experiments";
import { describe, expect, it } from "vitest";
import { percent, sectionComparisons } from "./course-comparison.js";

const twolayer = COURSE_SECTIONS.find((s) => s.id === "twolayer")!;
const result = {
  runId: "r",
  runDir: "runs/r",
  status: "completed",
  parameters: 39760,
  bestValAccuracy: 0.9109,
  bestEpoch: 0,
  lastEpoch: 0,
  epochsRun: 1,
  seconds: 2.5,
  stoppedEarly: false,
  backend: "cpu",
  history: [
    {
      epoch: 0,
      train: { loss: 0.4431, accuracy: 0.8793, samples: 60000 },
      val: { loss: 0.3062, accuracy: 0.9109, samples: 10000 },
      lr: 0.01,
    },
  ],
} as unknown as ExperimentResult;

describe("the course's numbers beside ours", () => {
  it("gives each printed figure and, for accuracies, both values as fractions", () => {
    const rows = sectionComparisons(twolayer, result, false);
    expect(rows.map((r) => r.label)).toEqual(twolayer.numbers.map((n) => n.label));
    expect(rows[0]).toMatchObject({ course: "39760", ours: "39760" });
    const val = rows.find((r) => r.label.startsWith("val"))!;
    expect(val).toMatchObject({ ours: "0.3062 / 91.09%", courseValue: 0.9121, oursValue: 0.9109 });
    expect(rows[0]).not.toHaveProperty("courseValue");
  });

  it("marks every row of the quick version", () => {
    for (const row of sectionComparisons(twolayer, result, true))
      expect(row.note).toBe("--quick: fewer samples and epochs than the course");
  });

  it("prints fractions as percents and a missing value as a dash", () => {
    expect(percent(0.9121)).toBe("91.21%");
    expect(percent(null)).toBe("-");
  });
});
