import { describe, expect, it } from "vitest";
import { courseReportHtml } from "./course-report-html.js";
import { courseReportMarkdown } from "./course-report-markdown.js";
import type { CourseReport } from "./course-report-types.js";

const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>é & co</text></svg>';
const report: CourseReport = {
  title: "MLP on MNIST: course vs mlp-lab",
  intro: "First paragraph.\n\nSecond <paragraph>.",
  sections: [
    {
      title: "Two-layer MLP",
      text: "One epoch of SGD.",
      comparisons: [{ label: "Val accuracy", course: "91.21%", ours: "91.40%", note: "seed 1 | lr 0.01" }],
      figures: [
        { id: "mnist-curves", caption: "Loss curves", svg, courseFigure: "dl_mlp_mnist_pytorch_23_1.png" },
      ],
    },
    { title: "CIFAR-10", figures: [{ id: "cifar-samples", caption: "Samples", svg }] },
  ],
};

describe("course report", () => {
  it("builds a self-contained HTML page with numbered, inlined figures and the numbers table", () => {
    const html = courseReportHtml(report);
    expect(html).toContain("<td>91.21%</td><td>91.40%</td>");
    expect(html).toContain("Figure 1: Loss curves (course figure: dl_mlp_mnist_pytorch_23_1.png)");
    expect(html).toContain("Figure 2: Samples");
    expect(html).toContain("Second &lt;paragraph&gt;.");
    expect(html).toContain(`data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`);
    expect(html).not.toMatch(/src="(?!data:)/);
    expect(html.match(/<section>/g)).toHaveLength(2);
    expect(html.match(/<\/section>/g)).toHaveLength(2);
    expect(courseReportHtml(report)).toBe(html);
  });
  it("builds Markdown that links figure files and lists them for the caller to write", () => {
    const { markdown, figures } = courseReportMarkdown(report, { figureDir: "fig", figureExtension: "png" });
    expect(markdown).toContain("| Val accuracy | 91.21% | 91.40% | seed 1 \\| lr 0.01 |");
    expect(markdown).toContain("![Figure 2: Samples](fig/cifar-samples.png)");
    expect(figures.map((f) => f.path)).toEqual(["fig/mnist-curves.png", "fig/cifar-samples.png"]);
  });
  it("rejects figure ids that are not safe file names or are repeated", () => {
    const bad = { ...report, sections: [{ title: "x", figures: [{ id: "../x", caption: "c", svg }] }] };
    expect(() => courseReportMarkdown(bad)).toThrow(/figure id "..\/x"/);
    const twice = { ...report, sections: [report.sections[0]!, report.sections[0]!] };
    expect(() => courseReportHtml(twice)).toThrow(/used twice/);
  });
});
