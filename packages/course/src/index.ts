export { type CourseResult, type RunCourseOptions, runCourse } from "./run-course.js";
export type { CourseEvent, CourseSectionResult, CourseSectionStatus } from "./course-events.js";
export { type CourseComparison, percent, sectionComparisons } from "./course-comparison.js";
export { type SklearnReplay, replayLogisticRegression, replayMlpClassifier } from "./sklearn-replay.js";
export { type CourseReportFiles, writeCourseReport } from "./write-course-report.js";
