// `@mlp-lab/experiments/browser`: what runs without Node (a page, a Web Worker): the experiment config,
// the training session and its run-sink seam, the sample selection, evaluation and validation artifacts.
// No `node:` import anywhere in its graph (browser-entry.test.ts bundles it for the browser to check).
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
  EXPERIMENTS_VERSION,
  type SessionEnvironment,
  type SessionOptions,
  type SessionStart,
  type WrappedTrainSource,
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
export {
  type ExperimentData,
  type LoadedSplits,
  type SplitSource,
  experimentSets,
} from "./experiment-sets.js";
export { valArtifacts } from "./val-artifacts.js";
export { type Evaluation, evaluateModel, modelProbabilities } from "./evaluate-model.js";
export { MODEL_CLASS, modelConfigOf, optimizerConfigOf, schedulerConfigOf } from "./library-configs.js";
