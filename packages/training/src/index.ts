export type { BatchSource, TrainingBatch } from "./batch-source.js";
export {
  type Checkpoint,
  CHECKPOINT_VERSION,
  type OptimizerConfig,
  type TrainerState,
  loadCheckpoint,
  saveCheckpoint,
} from "./checkpoint.js";
export { replaceDirAtomic, writeFileAtomic } from "./atomic-write.js";
export { formatEpoch, formatPhase, formatSummary } from "./course-log.js";
export { TrainingError, type TrainingErrorCode } from "./errors.js";
export { type EpochRecord, type PhaseMetrics, type TrainingHistory, emptyHistory } from "./history.js";
export { correctPredictions, nllLoss } from "./loss.js";
export { Optimizer, type OptimizerState } from "./optimizer-base.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { type BatchResult, type Stepper, TfjsStepper } from "./stepper.js";
export {
  type EpochScheduler,
  type TrainValOptions,
  type TrainValResult,
  type TrainingCallbacks,
  trainValModel,
} from "./train-val-model.js";
