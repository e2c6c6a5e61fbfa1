export { Adam, type AdamOptions, AdamW } from "./adam.js";
export type { BatchSource, TrainingBatch } from "./batch-source.js";
export {
  type Checkpoint,
  type CheckpointBytes,
  CHECKPOINT_FILES,
  CHECKPOINT_VERSION,
  type TrainerState,
  decodeCheckpoint,
  decodeTrainerState,
  encodeCheckpoint,
} from "./checkpoint.js";
export { clipGradNorm } from "./clip-grad-norm.js";
export { OPTIMIZER_KINDS, type OptimizerKind, createOptimizer } from "./create-optimizer.js";
export { SCHEDULER_KINDS, type SchedulerConfig, createScheduler } from "./create-scheduler.js";
export { EarlyStopping, type EarlyStoppingOptions, type EarlyStoppingState } from "./early-stopping.js";
export { TrainingError, type TrainingErrorCode } from "./errors.js";
export type { EpochRecord, PhaseMetrics, TrainingHistory } from "./history.js";
export { correctPredictions, nllLoss } from "./loss.js";
export {
  CosineAnnealingLR,
  ExponentialLR,
  LRScheduler,
  LinearLR,
  MultiStepLR,
  type SchedulerState,
  StepLR,
  WarmupLR,
} from "./lr-scheduler.js";
export { MONITOR_NAMES, type MonitorMode, type MonitorName } from "./monitor.js";
export {
  type CommonOptimizerOptions,
  Optimizer,
  type OptimizerConfig,
  type OptimizerState,
} from "./optimizer-base.js";
export { ReduceLROnPlateau, type ReduceLROnPlateauOptions } from "./reduce-lr-on-plateau.js";
export { RMSprop, type RMSpropOptions } from "./rmsprop.js";
export { SGD, type SGDOptions } from "./sgd.js";
export { type BatchResult, type Stepper, TfjsStepper } from "./stepper.js";
export { type AsyncReadStepper, DeferredReadStepper, readsAsync } from "./deferred-read-stepper.js";
export {
  type EpochScheduler,
  type TrainValOptions,
  type TrainValResult,
  type TrainingCallbacks,
  trainValModel,
} from "./train-val-model.js";
export { type CreateStepperOptions, createStepper } from "./native-stepper.js";
