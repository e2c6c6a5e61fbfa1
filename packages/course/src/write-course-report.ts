import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { writeFileAtomic } from "@mlp-lab/runs";
import { type CourseReport, courseReportHtml, courseReportMarkdown } from "@mlp-lab/visualization";

/** Where {@link writeCourseReport} put the report. */
export interface CourseReportFiles {
  /** `<dir>/report.html`, figures inline. */
  html: string;
  /** `<dir>/report.md`, figures in `<dir>/figures/`. */
  markdown: string;
  /** Number of SVG figures written beside the Markdown. */
  figures: number;
}

function write(path: string, data: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileAtomic(path, data);
}

/**
 * Write a course report as `report.html` (self-contained) and `report.md` with its SVG figures in
 * `figures/`, each file written to a temporary name then renamed.
 */
export function writeCourseReport(dir: string, report: CourseReport): CourseReportFiles {
  const html = join(dir, "report.html");
  const markdown = join(dir, "report.md");
  const md = courseReportMarkdown(report, { figureDir: "figures", figureExtension: "svg" });
  write(html, courseReportHtml(report));
  write(markdown, md.markdown);
  for (const f of md.figures) write(join(dir, f.path), f.svg);
  return { html, markdown, figures: md.figures.length };
}
