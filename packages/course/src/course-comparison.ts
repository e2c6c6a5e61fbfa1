import { type CourseSection, type ExperimentResult, courseFigure } from "@mlp-lab/experiments";
import type { NumberComparison } from "@mlp-lab/visualization";

/**
 * A report comparison with the numbers behind it, so `mlp course --json` (and `pnpm bench:course`) can
 * give the gap in points without parsing the printed strings.
 */
export interface CourseComparison extends NumberComparison {
  /** The course's accuracy or score as a fraction, where the course printed one. */
  courseValue?: number;
  /** Ours as a fraction. */
  oursValue?: number;
  /** How many points apart still counts as reproduced (1 by default). */
  tolerance?: number;
}

/** `0.9121` as `91.21%`; null as `-`. */
export function percent(value: number | null | undefined): string {
  return value === null || value === undefined ? "-" : `${(100 * value).toFixed(2)}%`;
}

/**
 * The course's numbers of a section beside ours from its run. `quick` marks every row as coming from
 * the short version (fewer samples and epochs), which is not expected to match.
 */
export function sectionComparisons(
  section: Pick<CourseSection, "numbers">,
  result: ExperimentResult,
  quick: boolean,
): CourseComparison[] {
  return section.numbers.map((n): CourseComparison => {
    const figure = courseFigure(n.ours, result);
    const value = n.courseValue === undefined ? undefined : figure.value;
    return {
      label: n.label,
      course: n.course,
      ours: figure.text,
      ...(quick
        ? { note: "--quick: fewer samples and epochs than the course" }
        : n.note
          ? { note: n.note }
          : {}),
      ...(n.courseValue === undefined ? {} : { courseValue: n.courseValue }),
      ...(value === undefined ? {} : { oursValue: value }),
      ...(n.tolerance === undefined ? {} : { tolerance: n.tolerance }),
    };
  });
}
