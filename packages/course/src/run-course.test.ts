import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRun } from "@mlp-lab/runs";
import { afterAll, describe, expect, it } from "vitest";
import type { CourseEvent } from "./course-events.js";
import { runCourse } from "./run-course.js";

const root = mkdtempSync(join(tmpdir(), "mlp-course-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("runCourse", () => {
  it("trains the quick TwoLayerMLP, continues it, and writes the report with the course's numbers", async () => {
    const events: CourseEvent[] = [];
    const runsDir = join(root, "runs");
    const result = await runCourse({
      runsDir,
      outDir: join(root, "report"),
      quick: true,
      only: ["twolayer", "resume"],
      onEvent: (e) => events.push(e),
    });
    expect(result.sections.map((s) => [s.id, s.status])).toEqual([
      ["twolayer", "completed"],
      ["resume", "completed"],
    ]);
    // The resume section continues the twolayer run: one run, three epochs.
    expect(result.runs.resume!.runId).toBe(result.runs.twolayer!.runId);
    const record = await readRun(runsDir, result.runs.twolayer!.runId);
    expect(record.summary.lastEpoch).toBe(2);
    expect(record.tags).toEqual(["course", "twolayer"]);
    const val = result.sections[0]!.comparisons.find((c) => c.label.startsWith("val"))!;
    expect(val.courseValue).toBe(0.9121);
    expect(val.oursValue).toBeGreaterThan(0.8);

    const types = events.map((e) => e.type);
    expect(types[0]).toBe("dataset");
    expect(types.filter((t) => t === "section-finished")).toHaveLength(2);
    expect(types.indexOf("trained")).toBeLessThan(types.indexOf("section-finished"));
    expect(events.some((e) => e.type === "experiment" && e.event.type === "batch")).toBe(true);

    const md = readFileSync(result.report.markdown, "utf8");
    expect(md).toContain("MLP with PyTorch: TwoLayerMLP, one epoch");
    expect(md).toContain("0.3062 / 91.21%");
    expect(result.report.figures).toBeGreaterThan(3);
    expect(existsSync(result.report.html)).toBe(true);
  }, 300_000);

  it("stops at an aborted section, skips what depends on it, and still writes the report", async () => {
    const controller = new AbortController();
    controller.abort();
    const result = await runCourse({
      runsDir: join(root, "runs-aborted"),
      outDir: join(root, "report-aborted"),
      quick: true,
      sklearn: false,
      only: ["twolayer", "resume"],
      signal: controller.signal,
    });
    expect(result.sections.map((s) => s.status)).toEqual(["interrupted"]);
    expect(result.runs.twolayer!.status).toBe("interrupted");
    expect(readFileSync(result.report.markdown, "utf8")).toContain("the course replayed with mlp-lab");
  }, 120_000);
});
