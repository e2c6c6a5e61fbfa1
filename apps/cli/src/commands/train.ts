import { join } from "node:path";
import { type BackendChoice, formatBackend, useBackend } from "@mlp-lab/backend";
import { BatchLoader, DATASETS, type DatasetName, loadImageSet } from "@mlp-lab/datasets";
import { type ModelConfig, createModel } from "@mlp-lab/models";
import {
  type Checkpoint,
  SGD,
  type TrainingHistory,
  loadCheckpoint,
  saveCheckpoint,
  trainValModel,
} from "@mlp-lab/training";
import type { Command } from "commander";
import { UsageError } from "../cli-error.js";
import { choice, integer, layerList, nonNegativeNumber, positiveNumber } from "../parse-flags.js";
import { ProgressBar } from "../progress-bar.js";

const MODEL_KINDS = ["two-layer", "mlp", "softmax"] as const;
const DATASET_NAMES = Object.keys(DATASETS) as DatasetName[];

/** Flags of `mlp train`. */
interface TrainFlags {
  dataset: DatasetName;
  dataDir?: string;
  model: (typeof MODEL_KINDS)[number];
  hidden: number;
  layers?: number[];
  epochs: number;
  lr: number;
  momentum: number;
  batchSize: number;
  valBatchSize: number;
  seed: number;
  backend: BackendChoice;
  save?: string;
  resume?: string;
  logInterval: number;
}

const MODEL_CLASS: Record<TrainFlags["model"], string> = {
  "two-layer": "TwoLayerMLP",
  mlp: "MLP",
  softmax: "SoftmaxRegression",
};

function modelConfigOf(flags: TrainFlags, dIn: number, dOut: number): ModelConfig {
  switch (flags.model) {
    case "two-layer":
      return { kind: "two-layer", dIn, dHidden: flags.hidden, dOut };
    case "mlp":
      return { kind: "mlp", layers: [dIn, ...(flags.layers ?? [512, 256, 128, 64]), dOut] };
    case "softmax":
      return { kind: "softmax", dIn, dOut };
  }
}

/** Register `mlp train`. */
export function registerTrain(program: Command): void {
  program
    .command("train")
    .description("train a model, printing the course's epoch lines, and save a resumable checkpoint")
    .option("--dataset <name>", `data set: ${DATASET_NAMES.join(", ")}`, choice("--dataset", DATASET_NAMES), "mnist")
    .option("--data-dir <dir>", "read the data set from this folder first")
    .option("--model <kind>", `model: ${MODEL_KINDS.join(", ")}`, choice("--model", MODEL_KINDS), "two-layer")
    .option("--hidden <n>", "hidden units of the two-layer model", integer("--hidden", 1), 50)
    .option("--layers <sizes>", "hidden layer sizes of the mlp model, e.g. 512,256,128,64", layerList("--layers"))
    .option("--epochs <n>", "epochs to train", integer("--epochs", 0), 1)
    .option("--lr <rate>", "learning rate", positiveNumber("--lr"), 0.01)
    .option("--momentum <m>", "SGD momentum", nonNegativeNumber("--momentum", 1), 0.5)
    .option("--batch-size <n>", "training batch size", integer("--batch-size", 1), 64)
    .option("--val-batch-size <n>", "validation batch size", integer("--val-batch-size", 1), 10000)
    .option("--seed <n>", "seed of the weights and the shuffling", integer("--seed", 0), 1)
    .option("--backend <name>", "auto, native, cuda, tensorflow, wasm or cpu (env MLP_BACKEND)", process.env.MLP_BACKEND ?? "auto")
    .option("--save <dir>", "checkpoint folder to write (default models/mod-<Model>)")
    .option("--resume <checkpoint>", "continue training from this checkpoint folder")
    .option("--log-interval <n>", "print the epoch lines every n epochs", integer("--log-interval", 1), 1)
    .addHelpText(
      "after",
      `
Examples:
  $ mlp train                                   # the course: TwoLayerMLP 784-50-10, 1 epoch, SGD 0.01 m 0.5
  $ mlp train --resume models/mod-TwoLayerMLP --epochs 10 --log-interval 2
  $ mlp train --model mlp --layers 512,256,128,64 --epochs 10 --log-interval 2
  $ mlp train --dataset fashion-mnist --backend wasm`,
    )
    .action(async (flags: TrainFlags) => {
      await train(flags);
    });
}

async function train(flags: TrainFlags): Promise<void> {
  const backend = await useBackend(flags.backend);
  console.error(`Backend: ${formatBackend(backend)}`);

  const info = DATASETS[flags.dataset];
  const options = {
    ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
    onWarning: (m: string) => console.error(`warning: ${m}`),
  };
  const [trainSet, valSet] = await Promise.all([
    loadImageSet(flags.dataset, "train", options),
    loadImageSet(flags.dataset, "test", options),
  ]);
  if (flags.batchSize > trainSet.count) {
    throw new UsageError(`--batch-size ${flags.batchSize} is larger than the training set (${trainSet.count} samples)`);
  }
  const normalize = { mean: info.mean, std: info.std };
  const trainLoader = new BatchLoader(trainSet, { batchSize: flags.batchSize, shuffle: true, seed: flags.seed, normalize });
  const valLoader = new BatchLoader(valSet, { batchSize: flags.valBatchSize, normalize });
  const dIn = trainLoader.features;
  const dOut = info.classNames.length;

  let resumed: Checkpoint | undefined;
  let modelConfig = modelConfigOf(flags, dIn, dOut);
  if (flags.resume) {
    resumed = await loadCheckpoint(flags.resume);
    if (resumed.trainer) modelConfig = resumed.trainer.modelConfig;
  }
  const model = createModel(modelConfig, flags.seed);
  const optimizer = new SGD(model.namedParameters(), { lr: flags.lr, momentum: flags.momentum });
  let history: TrainingHistory | undefined;
  if (resumed) {
    model.loadStateDict(resumed.model);
    if (resumed.optimizer) {
      optimizer.setState(resumed.optimizer);
      optimizer.lr = flags.lr;
    }
    if (resumed.trainer?.loaderState) trainLoader.setState(resumed.trainer.loaderState as never);
    history = resumed.trainer?.history;
    console.log(`Resumed from ${flags.resume} (epoch ${resumed.trainer?.epoch ?? 0})`);
  }

  for (const [name, p] of model.namedParameters()) console.log(`${name} [${p.shape.join(", ")}]`);
  console.log(`Total number of parameters = ${model.parameterCount()}`);

  const saveDir = flags.save ?? flags.resume ?? join("models", `mod-${MODEL_CLASS[flags.model]}`);
  const bar = new ProgressBar();
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once("SIGINT", onSigint);
  const first = history?.epochs.length ?? 0;
  try {
    const result = await trainValModel(model, {
      optimizer,
      train: trainLoader,
      val: valLoader,
      epochs: flags.epochs,
      logInterval: flags.logInterval,
      lastEpoch: first + flags.epochs - 1,
      log: (line) => {
        bar.clear();
        console.log(line);
      },
      ...(history ? { history } : {}),
      signal: controller.signal,
      callbacks: {
        onEpochBegin: () => bar.start(),
        onBatchEnd: ({ epoch, step, steps, loss, samples }) => bar.update(`epoch ${epoch}`, step + 1, steps, loss, samples),
        onEpochEnd: async (record, h) => {
          bar.clear();
          await saveCheckpoint(saveDir, {
            model: model.stateDict(),
            optimizer: optimizer.getState(),
            trainer: {
              version: 1,
              epoch: record.epoch + 1,
              modelConfig,
              optimizerConfig: { kind: "sgd", options: { lr: flags.lr, momentum: flags.momentum } },
              history: h,
              loaderState: trainLoader.getState(),
              config: { dataset: flags.dataset, seed: flags.seed, batchSize: flags.batchSize },
              savedAt: new Date().toISOString(),
            },
          });
          return undefined;
        },
      },
    });
    if (result.stoppedBy === "signal") {
      console.error(`Interrupted: the checkpoint ${saveDir} holds the last completed epoch; resume with --resume ${saveDir}`);
      process.exitCode = 130;
      return;
    }
    console.log(`Checkpoint: ${saveDir} (last epoch; best val epoch ${result.history.bestEpoch})`);
    const perEpoch = result.history.epochs.slice(first).map((e) => e.train.seconds);
    if (perEpoch.length > 0) {
      const mean = perEpoch.reduce((a, b) => a + b, 0) / perEpoch.length;
      console.error(`Training phase: ${mean.toFixed(2)} s per epoch on ${backend.name}`);
    }
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
}
