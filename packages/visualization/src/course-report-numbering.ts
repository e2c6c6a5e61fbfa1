import type { CourseReport, NumberedFigure, ReportFigure } from "./course-report-types.js";
import { VisualizationError } from "./errors.js";

/** Numbers figures 1, 2, ... across sections and checks that their ids are distinct, safe file names. */
export function numberFigures(report: CourseReport): NumberedFigure[][] {
  const seen = new Set<string>();
  let next = 1;
  return report.sections.map((section) =>
    (section.figures ?? []).map((figure: ReportFigure) => {
      if (!/^[A-Za-z0-9_-]+$/.test(figure.id)) {
        throw new VisualizationError(
          "INVALID_OPTION",
          `figure id "${figure.id}" must use letters, digits, "-" or "_"`,
        );
      }
      if (seen.has(figure.id))
        throw new VisualizationError("INVALID_OPTION", `figure id "${figure.id}" is used twice`);
      seen.add(figure.id);
      return { ...figure, number: next++ };
    }),
  );
}

/** Plain text split into paragraphs at blank lines. */
export function paragraphs(text: string | undefined): string[] {
  return (text ?? "")
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}
