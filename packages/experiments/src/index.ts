export {
  BACKEND_CHOICES,
  DATASET_NAMES,
  DEFAULT_MLP_LAYERS,
  type DataConfig,
  EXPERIMENT_CONFIG_VERSION,
  type ExperimentConfig,
  ExperimentConfigError,
  type ExperimentConfigInput,
  ExperimentConfigSchema,
  type ExperimentEarlyStopping,
  type ExperimentModel,
  type ExperimentOptimizer,
  type ExperimentScheduler,
  MODEL_KINDS,
  SCHEDULER_NAMES,
  defaultExperimentConfig,
  parseExperimentConfig,
} from "./experiment-config.js";
export { experimentConfigToYaml, parseExperimentConfigText } from "./config-text.js";
export { ExperimentError, type ExperimentErrorCode } from "./experiment-error.js";
export type { ExperimentEvent, ExperimentListener, ExperimentResult } from "./events.js";
export {
  type ResumeExperimentOptions,
  type RunExperimentOptions,
  type RunLocation,
  experimentConfigOf,
  resumeExperiment,
  runExperiment,
} from "./run-experiment.js";
export {
  EXPERIMENTS_VERSION,
  type SessionEnvironment,
  type SessionOptions,
  type SessionStart,
  trainSession,
} from "./train-session.js";
export type {
  EpochCommit,
  OpenRunSink,
  RunSink,
  RunSinkInit,
  SavedCheckpoint,
  SessionMetricsLine,
} from "./run-sink.js";
export { type NodeRunSinkOptions, type NodeRunTarget, nodeRunSink } from "./node-run-sink.js";
export { type LoadedSplits, experimentSets } from "./experiment-sets.js";
export { valArtifacts } from "./val-artifacts.js";
export { type EvaluateRunOptions, type RunEvaluation, evaluateRun } from "./evaluate-run.js";
export { type Prediction, type PredictRunOptions, predictRun } from "./predict-run.js";
export { type RunModel, loadRunModel } from "./run-model.js";
export { type Evaluation, evaluateModel, modelProbabilities } from "./evaluate-model.js";
export { type ExperimentData, type SplitSource, loadExperimentData } from "./load-experiment-data.js";
export { MODEL_CLASS, modelConfigOf, optimizerConfigOf, schedulerConfigOf } from "./library-configs.js";
export {
  COURSE_SECTIONS,
  type CourseQuantity,
  type CourseRun,
  type CourseSection,
  courseFigure,
} from "./course.js";
export { configFromFlags } from "./flags/config-from-flags.js";
