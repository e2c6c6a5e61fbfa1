import type { DatasetName } from "@mlp-lab/datasets/web";
import {
  ACTIVATION_CHOICES,
  BACKEND_FLAG_CHOICES,
  DATASET_CHOICES,
  DEFAULT_LAYERS,
  MODEL_CHOICES,
  MONITOR_CHOICES,
  OPTIMIZER_CHOICES,
  SCHEDULER_FLAG_CHOICES,
} from "./flag-choices.js";
import { choice, fraction, integer, layerList, nonNegativeNumber, positiveNumber } from "./flag-parsers.js";

/** The help heading a training flag is listed under. */
export type FlagGroup =
  | "Data:"
  | "Model:"
  | "Optimizer:"
  | "Learning-rate schedule:"
  | "Early stopping:"
  | "Training loop:";

/** One flag of a training run, declared once for the CLI's parser and its help. */
export interface FlagSpec {
  /** The flag as commander writes it: `--lr <rate>`, `--augment`, `--no-download`. */
  flags: string;
  /** One line of help. */
  description: string;
  /** Parses and checks the value's text; throws a `FlagError` naming the flag. */
  parse?: (value: string) => unknown;
  /** The value when the flag is not given. */
  default?: unknown;
  /** An environment variable whose value, when set, replaces {@link FlagSpec.default}. */
  env?: string;
  /** Help heading. */
  group: FlagGroup;
}

/** The values of {@link TRAINING_FLAGS}, by camel-cased name (`--batch-size` is `batchSize`). */
export interface TrainingFlags {
  dataset: DatasetName;
  dataDir?: string | undefined;
  download?: boolean | undefined;
  trainLimit?: number | undefined;
  valLimit?: number | undefined;
  perClass?: number | undefined;
  valSplit?: number | undefined;
  augment?: boolean | undefined;
  seed: number;
  model: (typeof MODEL_CHOICES)[number];
  hidden: number;
  layers?: number[] | undefined;
  activation: (typeof ACTIVATION_CHOICES)[number];
  dropout: number;
  optimizer: (typeof OPTIMIZER_CHOICES)[number];
  lr?: number | undefined;
  momentum?: number | undefined;
  nesterov?: boolean | undefined;
  weightDecay?: number | undefined;
  beta1?: number | undefined;
  beta2?: number | undefined;
  eps?: number | undefined;
  alpha?: number | undefined;
  amsgrad?: boolean | undefined;
  centered?: boolean | undefined;
  maxGradNorm?: number | undefined;
  scheduler: (typeof SCHEDULER_FLAG_CHOICES)[number];
  stepSize?: number | undefined;
  milestones?: number[] | undefined;
  startFactor?: number | undefined;
  warmup?: number | undefined;
  gamma?: number | undefined;
  tMax?: number | undefined;
  minLr?: number | undefined;
  schedulerPatience?: number | undefined;
  earlyStopping?: number | undefined;
  monitor: (typeof MONITOR_CHOICES)[number];
  minDelta: number;
  epochs: number;
  batchSize: number;
  valBatchSize: number;
  backend: string;
  logInterval: number;
  summary?: boolean | undefined;
}

const flag = (
  group: FlagGroup,
  flags: string,
  description: string,
  parse?: FlagSpec["parse"],
  more: Pick<FlagSpec, "default" | "env"> = {},
): FlagSpec => ({ group, flags, description, ...(parse ? { parse } : {}), ...more });
const oneOf = <T extends string>(name: string, choices: readonly T[]) => choice(name, choices);

/**
 * Every flag that shapes a training run (data, model, optimizer, schedule, early stopping, loop), in
 * help order. `configFromFlags` maps their values onto an `ExperimentConfig`; the defaults are the
 * course's first run.
 */
export const TRAINING_FLAGS: readonly FlagSpec[] = [
  flag(
    "Data:",
    "--dataset <name>",
    `data set: ${DATASET_CHOICES.join(", ")}`,
    oneOf("--dataset", DATASET_CHOICES),
    {
      default: "mnist",
    },
  ),
  flag(
    "Data:",
    "--data-dir <dir>",
    "read the data set from this folder first (else MLP_DATA_DIR, the cache, installed copies)",
  ),
  flag("Data:", "--no-download", "never download the data set"),
  flag("Data:", "--train-limit <n>", "train on the first n samples only", integer("--train-limit", 1)),
  flag("Data:", "--val-limit <n>", "validate on the first n samples only", integer("--val-limit", 1)),
  flag(
    "Data:",
    "--per-class <n>",
    "train on n samples per class, drawn with --seed (the course's 16)",
    integer("--per-class", 1),
  ),
  flag(
    "Data:",
    "--val-split <fraction>",
    "validate on this fraction of the training set instead of the test set",
    fraction("--val-split"),
  ),
  flag(
    "Data:",
    "--augment",
    "random pad-4 crop and horizontal flip of training images (the course's CIFAR-10 transform)",
  ),
  flag("Model:", "--model <kind>", `model: ${MODEL_CHOICES.join(", ")}`, oneOf("--model", MODEL_CHOICES), {
    default: "two-layer",
  }),
  flag("Model:", "--hidden <n>", "hidden units of the two-layer model", integer("--hidden", 1), {
    default: 50,
  }),
  flag(
    "Model:",
    "--layers <sizes>",
    `hidden layer sizes of the mlp model (default ${DEFAULT_LAYERS.join(",")}); implies --model mlp`,
    layerList("--layers"),
  ),
  flag(
    "Model:",
    "--activation <name>",
    `hidden activation of the mlp model: ${ACTIVATION_CHOICES.join(", ")}`,
    oneOf("--activation", ACTIVATION_CHOICES),
    { default: "relu" },
  ),
  flag(
    "Model:",
    "--dropout <p>",
    "dropout rate after each hidden layer of the mlp model, in [0, 1)",
    nonNegativeNumber("--dropout", 0.99),
    { default: 0 },
  ),
  flag(
    "Optimizer:",
    "--optimizer <name>",
    `optimizer: ${OPTIMIZER_CHOICES.join(", ")}`,
    oneOf("--optimizer", OPTIMIZER_CHOICES),
    { default: "sgd" },
  ),
  flag(
    "Optimizer:",
    "--lr <rate>",
    "learning rate (default 0.01 for sgd, 0.001 otherwise)",
    positiveNumber("--lr"),
  ),
  flag(
    "Optimizer:",
    "--momentum <m>",
    "SGD momentum (default 0.5, the course's), RMSprop momentum (default 0)",
    nonNegativeNumber("--momentum", 1),
  ),
  flag("Optimizer:", "--nesterov", "SGD with Nesterov momentum"),
  flag(
    "Optimizer:",
    "--weight-decay <wd>",
    "L2 penalty (decoupled for adamw)",
    nonNegativeNumber("--weight-decay"),
  ),
  flag(
    "Optimizer:",
    "--beta1 <b>",
    "Adam/AdamW first-moment decay (default 0.9)",
    nonNegativeNumber("--beta1", 0.999999),
  ),
  flag(
    "Optimizer:",
    "--beta2 <b>",
    "Adam/AdamW second-moment decay (default 0.999)",
    nonNegativeNumber("--beta2", 0.999999),
  ),
  flag("Optimizer:", "--eps <e>", "Adam/AdamW/RMSprop epsilon", positiveNumber("--eps")),
  flag(
    "Optimizer:",
    "--alpha <a>",
    "RMSprop smoothing constant (default 0.99)",
    nonNegativeNumber("--alpha", 1),
  ),
  flag("Optimizer:", "--amsgrad", "Adam/AdamW with the AMSGrad variant"),
  flag("Optimizer:", "--centered", "centered RMSprop"),
  flag(
    "Optimizer:",
    "--max-grad-norm <n>",
    "clip gradients to this global L2 norm",
    positiveNumber("--max-grad-norm"),
  ),
  flag(
    "Learning-rate schedule:",
    "--scheduler <name>",
    `learning-rate schedule: ${SCHEDULER_FLAG_CHOICES.join(", ")}`,
    oneOf("--scheduler", SCHEDULER_FLAG_CHOICES),
    { default: "none" },
  ),
  flag(
    "Learning-rate schedule:",
    "--step-size <epochs>",
    "step scheduler: epochs between decays",
    integer("--step-size", 1),
  ),
  flag(
    "Learning-rate schedule:",
    "--milestones <epochs>",
    "multistep scheduler: epochs where the rate is multiplied by --gamma, e.g. 30,60",
    layerList("--milestones"),
  ),
  flag(
    "Learning-rate schedule:",
    "--gamma <g>",
    "step/multistep/exponential scheduler: decay factor; plateau: reduction factor",
    positiveNumber("--gamma"),
  ),
  flag(
    "Learning-rate schedule:",
    "--start-factor <f>",
    "linear scheduler: first epoch's fraction of --lr",
    positiveNumber("--start-factor"),
  ),
  flag(
    "Learning-rate schedule:",
    "--warmup <epochs>",
    "linear warm-up epochs before the --scheduler (or a constant rate)",
    integer("--warmup", 1),
  ),
  flag(
    "Learning-rate schedule:",
    "--t-max <epochs>",
    "cosine scheduler: epochs of the half cosine; linear: epochs of the ramp (default --epochs)",
    integer("--t-max", 1),
  ),
  flag(
    "Learning-rate schedule:",
    "--min-lr <lr>",
    "cosine/plateau scheduler: lowest learning rate",
    nonNegativeNumber("--min-lr"),
  ),
  flag(
    "Learning-rate schedule:",
    "--scheduler-patience <epochs>",
    "plateau scheduler: epochs without improvement before a decay",
    integer("--scheduler-patience", 0),
  ),
  flag(
    "Early stopping:",
    "--early-stopping <patience>",
    "stop after this many epochs without improvement of --monitor",
    integer("--early-stopping", 1),
  ),
  flag(
    "Early stopping:",
    "--monitor <metric>",
    `quantity watched by early stopping and the plateau scheduler: ${MONITOR_CHOICES.join(", ")}`,
    oneOf("--monitor", MONITOR_CHOICES),
    { default: "val_loss" },
  ),
  flag(
    "Early stopping:",
    "--min-delta <d>",
    "early stopping: smallest change that counts as an improvement",
    nonNegativeNumber("--min-delta"),
    { default: 0 },
  ),
  flag(
    "Training loop:",
    "--epochs <n>",
    "epochs to train (with --resume: more epochs; default: the rest of the run)",
    integer("--epochs", 1),
    { default: 1 },
  ),
  flag("Training loop:", "--batch-size <n>", "training batch size", integer("--batch-size", 1), {
    default: 64,
  }),
  flag("Training loop:", "--val-batch-size <n>", "validation batch size", integer("--val-batch-size", 1), {
    default: 10000,
  }),
  flag(
    "Training loop:",
    "--seed <n>",
    "seed of the weights, the shuffling and the sub-sampling",
    integer("--seed", 0),
    { default: 1 },
  ),
  flag(
    "Training loop:",
    "--backend <name>",
    `${BACKEND_FLAG_CHOICES.join(", ")} (env MLP_BACKEND)`,
    oneOf("--backend", BACKEND_FLAG_CHOICES),
    { default: "auto", env: "MLP_BACKEND" },
  ),
  flag("Model:", "--summary", "print a Keras-style summary of the model (layers, output shapes, parameters)"),
  flag(
    "Training loop:",
    "--log-interval <n>",
    "print the course's epoch lines every n epochs",
    integer("--log-interval", 1),
    { default: 1 },
  ),
];
