import { numberFigures, paragraphs } from "./course-report-numbering.js";
import type { CourseReport } from "./course-report-types.js";

/** Options of the Markdown report. */
export interface MarkdownReportOptions {
  /** Folder of the figure files, relative to the Markdown file; "figures" by default. */
  figureDir?: string;
  /** Extension the caller writes the figures with, "svg" (default) or "png". */
  figureExtension?: "svg" | "png";
}

/** The Markdown report and the figure files it links to, for the caller to write. */
export interface MarkdownReport {
  /** The Markdown text. */
  markdown: string;
  /** Each figure's relative path (as linked) and its SVG; convert to PNG first if `figureExtension` is "png". */
  figures: { path: string; id: string; svg: string }[];
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

/**
 * The course report as Markdown, figures referenced as files under `figureDir`, numbered like the HTML report,
 * with the course's numbers next to ours in tables. Pure: returns the text and the files to write.
 */
export function courseReportMarkdown(
  report: CourseReport,
  options: MarkdownReportOptions = {},
): MarkdownReport {
  const dir = options.figureDir ?? "figures";
  const ext = options.figureExtension ?? "svg";
  const numbered = numberFigures(report);
  const figures: MarkdownReport["figures"] = [];
  const out = [`# ${report.title}`, ""];
  for (const p of paragraphs(report.intro)) out.push(p, "");
  report.sections.forEach((section, s) => {
    out.push(`## ${section.title}`, "");
    for (const p of paragraphs(section.text)) out.push(p, "");
    if (section.comparisons && section.comparisons.length > 0) {
      out.push("| Quantity | Course | Ours | Note |", "| --- | --- | --- | --- |");
      for (const c of section.comparisons) {
        out.push(`| ${cell(c.label)} | ${cell(c.course)} | ${cell(c.ours)} | ${cell(c.note ?? "")} |`);
      }
      out.push("");
    }
    for (const f of numbered[s]!) {
      const path = `${dir}/${f.id}.${ext}`;
      figures.push({ path, id: f.id, svg: f.svg });
      const course = f.courseFigure ? ` (course figure: ${f.courseFigure})` : "";
      out.push(
        `![Figure ${f.number}: ${cell(f.caption)}](${path})`,
        "",
        `*Figure ${f.number}: ${f.caption}${course}*`,
        "",
      );
    }
  });
  return { markdown: out.join("\n"), figures };
}
