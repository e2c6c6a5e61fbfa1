// @mlp-lab/sweeps: hyperparameter sweeps over experiment configs (grid, random, TPE; ASHA), run in local
// worker processes or on BullMQ workers over Redis.
export {
  SweepError,
  SweepNotFoundError,
  SweepRecordError,
  SweepSpecError,
  QueueUrlError,
  redactUrl,
} from "./errors.js";
export { getPath, setPath, pathProblem } from "./config-path.js";
export {
  type AshaSpec,
  type ConfigResolver,
  EPOCHS_PATH,
  type ParameterSpec,
  type ParseSweepSpecOptions,
  type SweepMetric,
  type SweepSpec,
  type SweepSpecInput,
  SweepSpecSchema,
  parseSpecText,
  parseSweepSpec,
  readSweepSpec,
} from "./spec.js";
export { type TrialParams, gridPoints, numericDomain, sampleUniform } from "./search-space.js";
export type { Observation, Sampler } from "./samplers/sampler.js";
export { GridSampler } from "./samplers/grid-sampler.js";
export { RandomSampler } from "./samplers/random-sampler.js";
export { type TpeOptions, TpeSampler, rankObservations } from "./samplers/tpe-sampler.js";
export { createSampler } from "./samplers/create-sampler.js";
export { ashaPromotes, ashaRungs, nextStop } from "./asha.js";
export {
  type ExecutorInfo,
  SWEEP_SCHEMA_VERSION,
  type SweepBest,
  type SweepRecord,
  SweepRecordSchema,
  TRIAL_STATES,
  type TrialRecord,
  type TrialState,
} from "./sweep-record.js";
export {
  SWEEP_FILE,
  SWEEPS_DIR,
  listSweepIds,
  listSweeps,
  readSweepRecord,
  resolveSweepId,
  sweepDir,
  sweepsDir,
  writeSweepRecord,
} from "./sweep-store.js";
export type { EpochMetrics, TrialHooks, TrialOutcome, TrialRequest, TrialRunner } from "./trial-runner.js";
export type { DispatchHooks, TrialExecutor } from "./executor.js";
export {
  type CreateSweepOptions,
  type RunSweepOptions,
  type SweepEvent,
  SweepInUseError,
  bestTrial,
  createSweep,
  fullEpochs,
  metricOf,
  plannedTrials,
  runSweep,
  sweepStatus,
  specOf,
  trialConfig,
} from "./controller.js";
export { InlineExecutor } from "./executors/inline-executor.js";
export {
  type LocalPoolOptions,
  LocalPoolExecutor,
  defaultParallel,
} from "./executors/local-pool-executor.js";
export { type QueueExecutorOptions, QueueExecutor, type QueueTiming } from "./executors/queue-executor.js";
export { type QueueWorkerOptions, QueueWorker } from "./queue/queue-worker.js";
export { DEFAULT_QUEUE_NAME, parseQueueUrl } from "./queue/redis-connection.js";
export { QueueDependencyError, loadBullmq } from "./queue/load-bullmq.js";
export { type TrialProcessCommand, TrialProcessCrashError, threadsPerProcess } from "./trial-process.js";
export { servePoolWorker } from "./pool-worker.js";
export {
  ExperimentTrialRunner,
  type ExperimentTrialRunnerOptions,
  checkpointEpochs,
  experimentConfigResolver,
  metricsOfRun,
} from "./experiment-runner.js";
export {
  type ConfigJob,
  type ConfigOutcome,
  type TrainConfigsOptions,
  trainConfigs,
} from "./train-configs.js";
