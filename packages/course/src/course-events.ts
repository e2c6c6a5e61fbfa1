import type { CourseSection, ExperimentEvent, ExperimentResult } from "@mlp-lab/experiments";
import type { CourseComparison } from "./course-comparison.js";

/** How one section of the course ended. */
export type CourseSectionStatus = "completed" | "skipped" | "failed" | "interrupted";

/** One section in the course's result: what ran, how long it took, the course's numbers and ours. */
export interface CourseSectionResult {
  /** Section id (`twolayer`, `resume`, ...). */
  id: string;
  /** Section title. */
  title: string;
  /** How it ended. */
  status: CourseSectionStatus;
  /** Why it was skipped or failed. */
  reason?: string;
  /** Wall-clock seconds of the whole section: training, figures and the scikit-learn replay. */
  seconds: number;
  /** The run it trained or continued. */
  runId?: string;
  /** The course's numbers beside ours. */
  comparisons: CourseComparison[];
}

/** What {@link runCourse} reports while it works, in order. */
export type CourseEvent =
  /** The MNIST data was read: the course's "Datasets shapes" summary. */
  | { type: "dataset"; summary: string; source: string }
  /** A section starts. */
  | { type: "section-started"; section: CourseSection }
  /** An event of the section's training run (`@mlp-lab/experiments`). */
  | { type: "experiment"; section: string; event: ExperimentEvent }
  /** The section's run ended (completed, interrupted or with nothing to do). */
  | { type: "trained"; section: string; result: ExperimentResult }
  /** The section replays a scikit-learn cell; `lines` is what that cell printed. */
  | { type: "sklearn"; section: string; kind: NonNullable<CourseSection["sklearn"]>; lines: string[] }
  /** A section ended, however it ended. */
  | { type: "section-finished"; result: CourseSectionResult }
  /** Something worth a warning that did not stop the course (a failed replay, a data-set note). */
  | { type: "warning"; message: string };
