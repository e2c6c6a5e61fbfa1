import { BACKEND_NAMES } from "@mlp-lab/backend";
import { DATASETS, type DatasetName } from "@mlp-lab/datasets";
import { DEFAULT_MLP_LAYERS, MODEL_KINDS } from "@mlp-lab/experiments";
import { ACTIVATIONS, type Activation } from "@mlp-lab/models";
import { MONITOR_NAMES, type MonitorName, OPTIMIZER_KINDS, type OptimizerKind } from "@mlp-lab/training";
import { type Command, Option } from "commander";
import { choice, fraction, integer, layerList, nonNegativeNumber, positiveNumber } from "./parse-flags.js";

/** Data set names `--dataset` takes. */
export const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];
/** Schedules `--scheduler` takes (`--warmup N` can go in front of any of them but plateau). */
export const SCHEDULER_FLAG_NAMES = [
  "none",
  "step",
  "multistep",
  "exponential",
  "cosine",
  "linear",
  "plateau",
] as const;
const DEFAULT_LAYERS = DEFAULT_MLP_LAYERS;

/** Every flag that shapes a training run (model, optimizer, schedule, data, loop). */
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
  model: (typeof MODEL_KINDS)[number];
  hidden: number;
  layers?: number[] | undefined;
  activation: Activation;
  dropout: number;
  optimizer: OptimizerKind;
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
  scheduler: (typeof SCHEDULER_FLAG_NAMES)[number];
  stepSize?: number | undefined;
  milestones?: number[] | undefined;
  startFactor?: number | undefined;
  warmup?: number | undefined;
  gamma?: number | undefined;
  tMax?: number | undefined;
  minLr?: number | undefined;
  schedulerPatience?: number | undefined;
  earlyStopping?: number | undefined;
  monitor: MonitorName;
  minDelta: number;
  epochs: number;
  batchSize: number;
  valBatchSize: number;
  backend: string;
  logInterval: number;
  summary?: boolean | undefined;
}

/** Help headings, so `mlp train --help` reads by topic; other flags go under "Training loop:". */
const GROUP_OF: Record<string, string> = Object.fromEntries(
  [
    ["Data:", "dataset dataDir download trainLimit valLimit perClass valSplit augment"],
    ["Model:", "model hidden layers activation dropout summary"],
    [
      "Optimizer:",
      "optimizer lr momentum nesterov weightDecay beta1 beta2 eps alpha amsgrad centered maxGradNorm",
    ],
    [
      "Learning-rate schedule:",
      "scheduler stepSize milestones gamma startFactor warmup tMax minLr schedulerPatience",
    ],
    ["Early stopping:", "earlyStopping monitor minDelta"],
  ].flatMap(([group, keys]) => keys!.split(" ").map((key) => [key, group!])),
);

/**
 * Add the training flags to a command (`mlp train`, `mlp compare`). `skip` leaves out flags the
 * command defines itself (compare's repeatable `--layers`).
 */
export function addTrainingOptions(cmd: Command, skip: readonly string[] = []): Command {
  const options = [
    new Option("--dataset <name>", `data set: ${DATASET_NAMES.join(", ")}`)
      .argParser(choice("--dataset", DATASET_NAMES))
      .default("mnist"),
    new Option(
      "--data-dir <dir>",
      "read the data set from this folder first (else MLP_DATA_DIR, the cache, installed copies)",
    ),
    new Option("--no-download", "never download the data set"),
    new Option("--train-limit <n>", "train on the first n samples only").argParser(
      integer("--train-limit", 1),
    ),
    new Option("--val-limit <n>", "validate on the first n samples only").argParser(
      integer("--val-limit", 1),
    ),
    new Option(
      "--per-class <n>",
      "train on n samples per class, drawn with --seed (the course's 16)",
    ).argParser(integer("--per-class", 1)),
    new Option(
      "--val-split <fraction>",
      "validate on this fraction of the training set instead of the test set",
    ).argParser(fraction("--val-split")),
    new Option(
      "--augment",
      "random pad-4 crop and horizontal flip of training images (the course's CIFAR-10 transform)",
    ),
    new Option("--model <kind>", `model: ${MODEL_KINDS.join(", ")}`)
      .argParser(choice("--model", MODEL_KINDS))
      .default("two-layer"),
    new Option("--hidden <n>", "hidden units of the two-layer model")
      .argParser(integer("--hidden", 1))
      .default(50),
    new Option(
      "--layers <sizes>",
      `hidden layer sizes of the mlp model (default ${DEFAULT_LAYERS.join(",")}); implies --model mlp`,
    ).argParser(layerList("--layers")),
    new Option("--activation <name>", `hidden activation of the mlp model: ${ACTIVATIONS.join(", ")}`)
      .argParser(choice("--activation", ACTIVATIONS))
      .default("relu"),
    new Option("--dropout <p>", "dropout rate after each hidden layer of the mlp model, in [0, 1)")
      .argParser(nonNegativeNumber("--dropout", 0.99))
      .default(0),
    new Option("--optimizer <name>", `optimizer: ${OPTIMIZER_KINDS.join(", ")}`)
      .argParser(choice("--optimizer", OPTIMIZER_KINDS))
      .default("sgd"),
    new Option("--lr <rate>", "learning rate (default 0.01 for sgd, 0.001 otherwise)").argParser(
      positiveNumber("--lr"),
    ),
    new Option(
      "--momentum <m>",
      "SGD momentum (default 0.5, the course's), RMSprop momentum (default 0)",
    ).argParser(nonNegativeNumber("--momentum", 1)),
    new Option("--nesterov", "SGD with Nesterov momentum"),
    new Option("--weight-decay <wd>", "L2 penalty (decoupled for adamw)").argParser(
      nonNegativeNumber("--weight-decay"),
    ),
    new Option("--beta1 <b>", "Adam/AdamW first-moment decay (default 0.9)").argParser(
      nonNegativeNumber("--beta1", 0.999999),
    ),
    new Option("--beta2 <b>", "Adam/AdamW second-moment decay (default 0.999)").argParser(
      nonNegativeNumber("--beta2", 0.999999),
    ),
    new Option("--eps <e>", "Adam/AdamW/RMSprop epsilon").argParser(positiveNumber("--eps")),
    new Option("--alpha <a>", "RMSprop smoothing constant (default 0.99)").argParser(
      nonNegativeNumber("--alpha", 1),
    ),
    new Option("--amsgrad", "Adam/AdamW with the AMSGrad variant"),
    new Option("--centered", "centered RMSprop"),
    new Option("--max-grad-norm <n>", "clip gradients to this global L2 norm").argParser(
      positiveNumber("--max-grad-norm"),
    ),
    new Option("--scheduler <name>", `learning-rate schedule: ${SCHEDULER_FLAG_NAMES.join(", ")}`)
      .argParser(choice("--scheduler", SCHEDULER_FLAG_NAMES))
      .default("none"),
    new Option("--step-size <epochs>", "step scheduler: epochs between decays").argParser(
      integer("--step-size", 1),
    ),
    new Option(
      "--milestones <epochs>",
      "multistep scheduler: epochs where the rate is multiplied by --gamma, e.g. 30,60",
    ).argParser(layerList("--milestones")),
    new Option(
      "--gamma <g>",
      "step/multistep/exponential scheduler: decay factor; plateau: reduction factor",
    ).argParser(positiveNumber("--gamma")),
    new Option("--start-factor <f>", "linear scheduler: first epoch's fraction of --lr").argParser(
      positiveNumber("--start-factor"),
    ),
    new Option(
      "--warmup <epochs>",
      "linear warm-up epochs before the --scheduler (or a constant rate)",
    ).argParser(integer("--warmup", 1)),
    new Option(
      "--t-max <epochs>",
      "cosine scheduler: epochs of the half cosine; linear: epochs of the ramp (default --epochs)",
    ).argParser(integer("--t-max", 1)),
    new Option("--min-lr <lr>", "cosine/plateau scheduler: lowest learning rate").argParser(
      nonNegativeNumber("--min-lr"),
    ),
    new Option(
      "--scheduler-patience <epochs>",
      "plateau scheduler: epochs without improvement before a decay",
    ).argParser(integer("--scheduler-patience", 0)),
    new Option(
      "--early-stopping <patience>",
      "stop after this many epochs without improvement of --monitor",
    ).argParser(integer("--early-stopping", 1)),
    new Option(
      "--monitor <metric>",
      `quantity watched by early stopping and the plateau scheduler: ${MONITOR_NAMES.join(", ")}`,
    )
      .argParser(choice("--monitor", MONITOR_NAMES))
      .default("val_loss"),
    new Option("--min-delta <d>", "early stopping: smallest change that counts as an improvement")
      .argParser(nonNegativeNumber("--min-delta"))
      .default(0),
    new Option("--epochs <n>", "epochs to train (with --resume: more epochs; default: the rest of the run)")
      .argParser(integer("--epochs", 1))
      .default(1),
    new Option("--batch-size <n>", "training batch size").argParser(integer("--batch-size", 1)).default(64),
    new Option("--val-batch-size <n>", "validation batch size")
      .argParser(integer("--val-batch-size", 1))
      .default(10000),
    new Option("--seed <n>", "seed of the weights, the shuffling and the sub-sampling")
      .argParser(integer("--seed", 0))
      .default(1),
    new Option("--backend <name>", `auto, ${BACKEND_NAMES.join(", ")} (env MLP_BACKEND)`)
      .argParser(choice("--backend", ["auto", ...BACKEND_NAMES]))
      .default(process.env.MLP_BACKEND || "auto"),
    new Option("--summary", "print a Keras-style summary of the model (layers, output shapes, parameters)"),
    new Option("--log-interval <n>", "print the course's epoch lines every n epochs")
      .argParser(integer("--log-interval", 1))
      .default(1),
  ];
  for (const option of options) {
    if (skip.includes(option.attributeName())) continue;
    option.helpGroup(GROUP_OF[option.attributeName()] ?? "Training loop:");
    cmd.addOption(option);
  }
  return cmd;
}
