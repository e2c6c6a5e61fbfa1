import { z } from "zod";

/**
 * The run.json schema version this package writes. Version 1 files (whose `config` held `mlp train`'s
 * flags) are migrated when read (see `migrateRunRecord`); newer files are refused with a clear error.
 */
export const RUN_SCHEMA_VERSION = 2;

/** The schema versions {@link RunRecordSchema} accepts: the current one, and 1 in the shape version 2 kept. */
export const RUN_SCHEMA_VERSIONS = [1, RUN_SCHEMA_VERSION] as const;

/** The statuses a run can be in. `running` with a dead writer is reported as `interrupted` by readers. */
export const RUN_STATUSES = ["running", "completed", "failed", "interrupted"] as const;

/** Run status schema. */
export const RunStatusSchema = z.enum(RUN_STATUSES);
/** One of {@link RUN_STATUSES}. */
export type RunStatus = z.infer<typeof RunStatusSchema>;

const isoTime = z.iso.datetime({ offset: true });
const count = z.int().nonnegative();

/**
 * The model part of the config. Extra keys (the full `@mlp-lab/models` config, input size, init…) are
 * kept as written.
 */
export const ModelConfigSchema = z.looseObject({
  /** Model family, e.g. `"mlp"`, `"two-layer"`, `"softmax"`. */
  kind: z.string().min(1),
  /** Hidden layer widths, input side first, without the input and output sizes: e.g. `[512, 256, 128, 64]`. */
  layers: z.array(z.int().positive()),
  /** Hidden activation, e.g. `"relu"`; absent for models without one (the course's TwoLayerMLP, softmax). */
  activation: z.string().min(1).optional(),
  /** Dropout rate after each hidden layer; absent or 0 for none. */
  dropout: z.number().min(0).max(1).optional(),
});

/** Optimizer name, learning rate and any hyperparameters (momentum, beta1, beta2, epsilon, weightDecay…). */
export const OptimizerConfigSchema = z.looseObject({
  name: z.string().min(1),
  learningRate: z.number().positive(),
});

/** Learning-rate scheduler (`{ name: "step", stepSize: 5, gamma: 0.5 }`); `null` for a constant rate. */
export const SchedulerConfigSchema = z.looseObject({ name: z.string().min(1) });

/** Early-stopping rule; `null` to always run every epoch. */
export const EarlyStoppingConfigSchema = z.looseObject({
  /** Metric watched, e.g. `"val.loss"` or `"val.accuracy"`. */
  monitor: z.string().min(1),
  patience: count,
  minDelta: z.number().nonnegative().default(0),
});

/** Per-channel input normalisation `(x - mean) / std` the model was trained with. */
export const NormalizeSchema = z.object({
  mean: z.array(z.number()).min(1),
  std: z.array(z.number().positive()).min(1),
});

/**
 * The training configuration: in schema 2 the `@mlp-lab/experiments` ExperimentConfig (version 2) the
 * run was trained with, which a resume reads back. Typed here for the keys every reader uses; any extra
 * key at any level is kept, and `@mlp-lab/experiments` validates the whole document strictly.
 */
export const RunConfigSchema = z.looseObject({
  /** ExperimentConfig document version (2); absent in configs written by other tools. */
  version: z.int().positive().optional(),
  model: ModelConfigSchema,
  optimizer: OptimizerConfigSchema,
  scheduler: SchedulerConfigSchema.nullable().default(null),
  earlyStopping: EarlyStoppingConfigSchema.nullable().default(null),
  epochs: z.int().positive(),
  batchSize: z.int().positive(),
  /** Data set name, e.g. `"mnist"`, `"fashion-mnist"`, `"cifar10"`. */
  dataset: z.string().min(1),
  seed: z.int(),
  /** Data settings: source folder, validation split, subset sizes, augmentation… */
  data: z.record(z.string(), z.unknown()).default({}),
  /** The inputs' normalisation, so a reader (the viewer's Try it page) prepares inputs the same way. */
  normalize: NormalizeSchema.optional(),
});

/** The data set actually used, with its checksum so a run can be reproduced. */
export const DatasetInfoSchema = z.looseObject({
  name: z.string().min(1),
  /** Where it came from: a URL, a local path or a cache folder. */
  source: z.string(),
  /** SHA-256 (hex) of the data files as read. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex characters"),
  trainCount: count,
  valCount: count,
  /** Each split read (`train`, `test`): its folder or archive, content checksum and, when known, files. */
  splits: z
    .record(
      z.string(),
      z.looseObject({
        source: z.string(),
        sha256: z.string().regex(/^[0-9a-f]{64}$/, "expected 64 lower-case hex characters"),
        origin: z.string().optional(),
        files: z.array(z.object({ path: z.string(), sha256: z.string() })).optional(),
      }),
    )
    .optional(),
  testCount: count.optional(),
});

/** The tensor backend that ran the training. */
export const BackendInfoSchema = z.looseObject({
  /** e.g. `"cpu"`, `"wasm"`, `"native"`, `"webgl"`. */
  name: z.string().min(1),
  version: z.string().optional(),
  threads: z.int().positive().optional(),
  simd: z.boolean().optional(),
  /** Free-text device description, e.g. the CPU model. */
  device: z.string().optional(),
});

/** The machine the run was written on. */
export const HostInfoSchema = z.looseObject({
  hostname: z.string(),
  platform: z.string(),
  arch: z.string(),
  release: z.string().optional(),
  cpuModel: z.string().optional(),
  cpuCount: count.optional(),
  totalMemoryBytes: count.optional(),
  node: z.string().optional(),
});

/** The process writing a `running` run: readers on the same host use it to spot a dead writer. */
export const WriterInfoSchema = z.object({
  pid: z.int().positive(),
  hostname: z.string(),
});

/** Results so far; filled in as val metrics arrive and finalised by `complete()`. */
export const RunSummarySchema = z.looseObject({
  bestValAccuracy: z.number().nullable().default(null),
  /** Epoch of `bestValAccuracy`. */
  bestEpoch: count.nullable().default(null),
  /** Last epoch with any metrics. */
  lastEpoch: count.nullable().default(null),
  /** Training wall time, summed over resumes. */
  durationSeconds: z.number().nonnegative().default(0),
  /** Trainable parameter count. */
  parameters: count.nullable().default(null),
});

/** What went wrong in a `failed` run. */
export const RunErrorInfoSchema = z.looseObject({
  message: z.string(),
  name: z.string().optional(),
  code: z.string().optional(),
  stack: z.string().optional(),
});

/** One `resumeRun` of this run. */
export const ResumeInfoSchema = z.object({
  at: isoTime,
  /** Epoch training continued after (metrics of later epochs were dropped). */
  fromEpoch: count.nullable(),
});

/** run.json, schema version 2. Unknown top-level keys are kept, so older readers round-trip newer fields. */
export const RunRecordSchema = z.looseObject({
  schemaVersion: z.literal(RUN_SCHEMA_VERSIONS),
  id: z.string().min(1),
  name: z.string(),
  createdAt: isoTime,
  startedAt: isoTime,
  endedAt: isoTime.nullable(),
  status: RunStatusSchema,
  error: RunErrorInfoSchema.nullable().default(null),
  config: RunConfigSchema,
  dataset: DatasetInfoSchema.nullable().default(null),
  /** Package name → version of what trained it (`@mlp-lab/*`, tfjs, node). */
  packages: z.record(z.string(), z.string()).default({}),
  backend: BackendInfoSchema.nullable().default(null),
  host: HostInfoSchema,
  writer: WriterInfoSchema,
  summary: RunSummarySchema,
  resumes: z.array(ResumeInfoSchema).default([]),
  tags: z.array(z.string()).default([]),
});

/** A validated run.json. */
export type RunRecord = z.infer<typeof RunRecordSchema>;
/** The training configuration as stored. */
export type RunConfig = z.infer<typeof RunConfigSchema>;
/** What callers pass as config: defaults (`dropout`, `scheduler`, `data`…) may be left out. */
export type RunConfigInput = z.input<typeof RunConfigSchema>;
/** Model part of the config. */
export type ModelConfig = z.infer<typeof ModelConfigSchema>;
/** Optimizer part of the config. */
export type OptimizerConfig = z.infer<typeof OptimizerConfigSchema>;
/** Data set description. */
export type DatasetInfo = z.infer<typeof DatasetInfoSchema>;
/** Backend description. */
export type BackendInfo = z.infer<typeof BackendInfoSchema>;
/** Host description. */
export type HostInfo = z.infer<typeof HostInfoSchema>;
/** Writer process. */
export type WriterInfo = z.infer<typeof WriterInfoSchema>;
/** Run summary. */
export type RunSummary = z.infer<typeof RunSummarySchema>;
/** Failure description. */
export type RunErrorInfo = z.infer<typeof RunErrorInfoSchema>;
