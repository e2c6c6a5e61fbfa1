// Browser-safe imports only: the course page validates its experiments with this schema.
import { BACKEND_NAMES } from "@mlp-lab/backend/names";
import { DATASETS, type DatasetName } from "@mlp-lab/datasets/web";
import { ACTIVATIONS } from "@mlp-lab/models";
import { MONITOR_NAMES, OPTIMIZER_KINDS } from "@mlp-lab/training";
import { z } from "zod";

/** The ExperimentConfig document version this package writes; run.json stores it as `config.version`. */
export const EXPERIMENT_CONFIG_VERSION = 2;

/** Data set names an experiment can train on. */
export const DATASET_NAMES = Object.keys(DATASETS) as [DatasetName, ...DatasetName[]];
/** Backends an experiment can ask for: `auto` or a concrete one. */
export const BACKEND_CHOICES = ["auto", ...BACKEND_NAMES] as const;
/** Model kinds: the course's TwoLayerMLP, its layered MLP, a softmax regression. */
export const MODEL_KINDS = ["two-layer", "mlp", "softmax"] as const;
/** Learning-rate schedules (`warmup` wraps another one). */
export const SCHEDULER_NAMES = [
  "step",
  "multistep",
  "exponential",
  "cosine",
  "linear",
  "plateau",
  "warmup",
] as const;
/** Hidden layers of `{ kind: "mlp" }` when not given: the course's `MLP([D_in, 512, 256, 128, 64, D_out])`. */
export const DEFAULT_MLP_LAYERS = [512, 256, 128, 64];

const positiveInt = z.int().positive();
const positive = z.number().positive();
const nonNegative = z.number().nonnegative();
const monitor = z.enum(MONITOR_NAMES as [string, ...string[]]) as z.ZodType<(typeof MONITOR_NAMES)[number]>;

/** Where the samples come from and which of them are used. */
export const DataConfigSchema = z.strictObject({
  /** Folder read first (else `MLP_DATA_DIR`, the cache, installed copies, a download). */
  dir: z.string().min(1).optional(),
  /** Download the data set when no local copy exists. */
  download: z.boolean().default(true),
  /** Train on the first N samples only (after the validation split and the per-class subset). */
  trainLimit: positiveInt.optional(),
  /** Validate on the first N samples only. */
  valLimit: positiveInt.optional(),
  /** The course's stratified subset: N training samples per class, drawn with the seed. */
  perClass: positiveInt.optional(),
  /** Validate on this fraction of the training set instead of the test set. */
  valSplit: z.number().gt(0).lt(1).optional(),
  /** Random pad-4 crop and horizontal flip of training images (the course's CIFAR-10 transform). */
  augment: z.boolean().default(false),
});

/** Per-channel input normalisation `(x - mean) / std`; default the data set's own statistics. */
export const NormalizeConfigSchema = z.strictObject({
  mean: z.array(z.number()).min(1),
  std: z.array(positive).min(1),
});

/** The model, by kind. `layers` are the hidden widths, input side first. */
export const ModelSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    /** The course's TwoLayerMLP: Linear(784, hidden) then Linear(hidden, 10), no activation between. */
    kind: z.literal("two-layer"),
    layers: z.tuple([positiveInt]).default([50]),
  }),
  z.strictObject({
    /** The course's MLP: Linear layers with an activation (and dropout) between. */
    kind: z.literal("mlp"),
    layers: z.array(positiveInt).min(1).default(DEFAULT_MLP_LAYERS),
    activation: z.enum(ACTIVATIONS as [string, ...string[]]).default("relu"),
    dropout: z.number().min(0).lt(1).default(0),
  }),
  z.strictObject({
    /** Multinomial logistic regression: one Linear layer. */
    kind: z.literal("softmax"),
    layers: z.tuple([]).default([]),
  }),
]);

const common = {
  /** Clip gradients to this global L2 norm. */
  maxGradNorm: positive.optional(),
  /** L2 penalty (decoupled for adamw). */
  weightDecay: nonNegative.optional(),
};
const adamLike = {
  learningRate: positive.default(0.001),
  beta1: z.number().min(0).lt(1).optional(),
  beta2: z.number().min(0).lt(1).optional(),
  eps: positive.optional(),
  amsgrad: z.boolean().optional(),
  ...common,
};

/** The optimizer, by name, with PyTorch's hyperparameters. Unset ones take the training package's defaults. */
export const OptimizerSchema = z.discriminatedUnion("name", [
  z.strictObject({
    name: z.literal("sgd"),
    learningRate: positive.default(0.01),
    /** The course's 0.5. */
    momentum: z.number().min(0).max(1).default(0.5),
    nesterov: z.boolean().optional(),
    ...common,
  }),
  z.strictObject({ name: z.literal("adam"), ...adamLike }),
  z.strictObject({ name: z.literal("adamw"), ...adamLike }),
  z.strictObject({
    name: z.literal("rmsprop"),
    learningRate: positive.default(0.001),
    alpha: z.number().min(0).max(1).optional(),
    eps: positive.optional(),
    momentum: z.number().min(0).max(1).optional(),
    centered: z.boolean().optional(),
    ...common,
  }),
]);

const stepLike = [
  z.strictObject({ name: z.literal("step"), stepSize: positiveInt, gamma: positive.optional() }),
  z.strictObject({
    name: z.literal("multistep"),
    milestones: z.array(positiveInt).min(1),
    gamma: positive.optional(),
  }),
  z.strictObject({ name: z.literal("exponential"), gamma: positive.default(0.9) }),
  /** Half a cosine over `tMax` epochs (default: the run's epochs, less any warm-up). */
  z.strictObject({ name: z.literal("cosine"), tMax: positiveInt.optional(), etaMin: nonNegative.optional() }),
  z.strictObject({
    name: z.literal("linear"),
    startFactor: positive.optional(),
    endFactor: positive.optional(),
    /** Epochs of the ramp (default: the run's epochs). */
    totalIters: positiveInt.optional(),
  }),
] as const;

/** A schedule that can follow a warm-up. */
export const MainSchedulerSchema = z.discriminatedUnion("name", [...stepLike]);

/** The learning-rate schedule, stepped once per epoch; `null` for a constant rate. */
export const SchedulerSchema = z.discriminatedUnion("name", [
  ...stepLike,
  z.strictObject({
    name: z.literal("plateau"),
    monitor: monitor.default("val_loss"),
    factor: z.number().gt(0).lt(1).optional(),
    patience: z.int().nonnegative().optional(),
    minLr: nonNegative.optional(),
  }),
  z.strictObject({
    name: z.literal("warmup"),
    /** Linear warm-up epochs. */
    epochs: positiveInt,
    startFactor: positive.optional(),
    /** The schedule after the warm-up (none: a constant rate). */
    after: MainSchedulerSchema.optional(),
  }),
]);

/** Stop when `monitor` has not improved by `minDelta` for `patience` epochs (Keras' EarlyStopping). */
export const EarlyStoppingSchema = z.strictObject({
  monitor: monitor.default("val_loss"),
  patience: positiveInt,
  minDelta: nonNegative.default(0),
});

/**
 * One experiment, as a JSON/YAML document: data, model, optimizer, schedule, early stopping, the loop
 * and the backend. Every field has a default; `{}` is the course's first run (TwoLayerMLP 784-50-10 on
 * MNIST, SGD lr 0.01 momentum 0.5, batch 64, one epoch, seed 1). It is what run.json stores as `config`
 * and what a resume reads back.
 */
export const ExperimentConfigSchema = z.strictObject({
  version: z.literal(EXPERIMENT_CONFIG_VERSION).default(EXPERIMENT_CONFIG_VERSION),
  dataset: z.enum(DATASET_NAMES).default("mnist"),
  data: DataConfigSchema.default({ download: true, augment: false }),
  normalize: NormalizeConfigSchema.optional(),
  model: ModelSchema.default({ kind: "two-layer", layers: [50] }),
  optimizer: OptimizerSchema.default({ name: "sgd", learningRate: 0.01, momentum: 0.5 }),
  scheduler: SchedulerSchema.nullable().default(null),
  earlyStopping: EarlyStoppingSchema.nullable().default(null),
  /** Epochs in all (a resume may add more). */
  epochs: positiveInt.default(1),
  batchSize: positiveInt.default(64),
  valBatchSize: positiveInt.default(10000),
  /** Seed of the weights, the shuffling and the sub-sampling. */
  seed: z.int().nonnegative().default(1),
  /** Print the course's epoch lines every N epochs. */
  logInterval: positiveInt.default(1),
  backend: z.enum(BACKEND_CHOICES).default("auto"),
  /**
   * The native backend's fused training step: `true` requires it, `false` forbids it (the plain tfjs
   * step), unset uses it where it applies. Same numbers either way, to float rounding.
   */
  fused: z.boolean().optional(),
  /**
   * Start from the weights (and epoch count) of this checkpoint folder instead of fresh ones: a new run
   * that fine-tunes another's model. The optimizer starts afresh.
   */
  initFrom: z.string().min(1).optional(),
});

/** A complete experiment config, every default filled in: the JSON-friendly type. */
export type ExperimentConfig = z.infer<typeof ExperimentConfigSchema>;
/** What a user may write: any field may be left out. */
export type ExperimentConfigInput = z.input<typeof ExperimentConfigSchema>;
/** The `data` part. */
export type DataConfig = z.infer<typeof DataConfigSchema>;
/** The `model` part. */
export type ExperimentModel = z.infer<typeof ModelSchema>;
/** The `optimizer` part. */
export type ExperimentOptimizer = z.infer<typeof OptimizerSchema>;
/** The `scheduler` part. */
export type ExperimentScheduler = z.infer<typeof SchedulerSchema>;
/** The `earlyStopping` part. */
export type ExperimentEarlyStopping = z.infer<typeof EarlyStoppingSchema>;

/** An invalid experiment config; `issues` lists every problem as `path: message`. */
export class ExperimentConfigError extends Error {
  /** Stable code for programs. */
  readonly code = "INVALID_CONFIG";
  constructor(
    readonly issues: string[],
    /** Where the config came from, e.g. a file name; used in the message. */
    readonly source = "experiment config",
  ) {
    super(`${source}: ${issues.join("; ")}`);
    this.name = "ExperimentConfigError";
  }
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.reduce<string>(
    (s, k) => (typeof k === "number" ? `${s}[${k}]` : s ? `${s}.${String(k)}` : String(k)),
    "",
  );
}

/** One line per zod issue: `optimizer.learningRate: must be > 0`. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => {
    const where = pathOf(issue.path) || "(root)";
    let message = issue.message
      .replace(/^Too small: expected (?:number|int) to be ([<>]=?)/, "must be $1 ")
      .replace(/^Too big: expected (?:number|int) to be ([<>]=?)/, "must be $1 ")
      .replace(/^Invalid input: expected (\w+), received (\w+)/, "expected $1, got $2");
    if (issue.code === "unrecognized_keys") message = `unknown key(s) ${issue.keys.join(", ")}`;
    return `${where}: ${message}`;
  });
}

/**
 * Validate an experiment config (parsed JSON or YAML), fill in its defaults and resolve the ones that
 * depend on other fields (a cosine schedule's length). Every problem is reported with its path.
 * @throws ExperimentConfigError listing each invalid field, e.g. `optimizer.learningRate: must be > 0`.
 */
export function parseExperimentConfig(value: unknown, source?: string): ExperimentConfig {
  const parsed = ExperimentConfigSchema.safeParse(value ?? {});
  if (!parsed.success) throw new ExperimentConfigError(formatIssues(parsed.error), source);
  const config = parsed.data;
  const problems: string[] = [];
  if (config.normalize && config.normalize.mean.length !== config.normalize.std.length)
    problems.push("normalize: mean and std must have one value per channel each");
  if (problems.length > 0) throw new ExperimentConfigError(problems, source);
  return resolveScheduleLengths(config);
}

/** Cosine and linear schedules without a length run over the whole run (less a warm-up). */
function resolveScheduleLengths(config: ExperimentConfig): ExperimentConfig {
  const s = config.scheduler;
  if (s === null) return config;
  const warmup = s.name === "warmup" ? s.epochs : 0;
  const main = s.name === "warmup" ? s.after : s;
  if (main?.name === "cosine" && main.tMax === undefined) main.tMax = Math.max(1, config.epochs - warmup);
  if (main?.name === "linear" && main.totalIters === undefined) main.totalIters = config.epochs;
  return config;
}

/** The default experiment: the course's first run. */
export function defaultExperimentConfig(): ExperimentConfig {
  return parseExperimentConfig({});
}
