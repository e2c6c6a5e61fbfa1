// Node entry of @mlp-lab/experiments: everything of the browser entry (config, session, run-sink seam,
// evaluation), plus what needs Node: the run store's sink, running, resuming, evaluating and predicting runs.
export * from "./browser.js";
export {
  type ResumeExperimentOptions,
  type RunExperimentOptions,
  type RunLocation,
  experimentConfigOf,
  resumeExperiment,
  runExperiment,
} from "./run-experiment.js";
export { type NodeRunSinkOptions, type NodeRunTarget, nodeRunSink } from "./node-run-sink.js";
export { type EvaluateRunOptions, type RunEvaluation, evaluateRun } from "./evaluate-run.js";
export { type Prediction, type PredictRunOptions, predictRun } from "./predict-run.js";
export { type RunModel, loadRunModel } from "./run-model.js";
export { loadExperimentData } from "./load-experiment-data.js";
export {
  COURSE_SECTIONS,
  type CourseQuantity,
  type CourseRun,
  type CourseSection,
  courseFigure,
} from "./course.js";
export { configFromFlags } from "./flags/config-from-flags.js";
