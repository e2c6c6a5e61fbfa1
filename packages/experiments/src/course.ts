import type { ExperimentResult } from "./events.js";
import type { ExperimentConfigInput } from "./experiment-config.js";

/** One experiment of the course: a new run of `config`, or more epochs of an earlier section's run. */
export type CourseRun =
  | { config: ExperimentConfigInput }
  | {
      /** Continue the run of this section. */
      resumeOf: string;
      /** Epochs to add. */
      epochs: number;
      /** Print the course's lines every N epochs. */
      logInterval: number;
    };

/** One experiment of the course, with its numbers and figures. */
export interface CourseSection {
  id: string;
  title: string;
  /** What the course does and how we reproduce it. */
  text: string;
  /** The course's settings. */
  full: CourseRun;
  /** A short version for `--quick`. */
  quick: CourseRun;
  /** The scikit-learn cell this section also replays with `@mlp-lab/estimators`. */
  sklearn?: "logistic-regression" | "mlp-classifier";
  /** A data set this section needs beyond MNIST. */
  needs?: "cifar10";
  /** Numbers the course prints: label, its value, which of ours goes beside it. */
  numbers: Array<{
    label: string;
    course: string;
    ours: "bestVal" | "trainLast" | "valLast" | "valBest" | "errors" | "parameters" | "seconds";
    note?: string;
    /** The course's accuracy as a fraction, so `--json` (and `pnpm bench:course`) can give the gap. */
    courseValue?: number;
    /** How many points apart still counts as reproduced (1 by default). */
    tolerance?: number;
  }>;
  /** Figures to draw from the run. */
  figures: Array<{
    figure: "curves" | "samples" | "errors" | "weights" | "confusion";
    caption: string;
    courseFigure?: string;
  }>;
}

// The configs below are built from these pieces so that the sections that share a setup (the
// 160-sample experiment with SGD and Adam, the big MLP, Adam 1e-3) say so once.
type Input = ExperimentConfigInput;
const QUICK = { trainLimit: 10000, valLimit: 2000 };
/** The course's MLP([D_in, 512, 256, 128, 64, D_out]). */
const BIG_MLP: Input["model"] = { kind: "mlp", layers: [512, 256, 128, 64] };
/** The course's `optim.Adam(model.parameters(), lr=0.001)`. */
const ADAM: Input["optimizer"] = { name: "adam", learningRate: 0.001 };
/** The course's 10 mini-batches of 16: 16 samples per class, validation in batches of 1000. */
const SMALL: Input = { model: BIG_MLP, batchSize: 16, valBatchSize: 1000 };
const SMALL_FULL: Input = { ...SMALL, data: { perClass: 16 }, epochs: 100, logInterval: 20 };
const SMALL_QUICK: Input = { ...SMALL, data: { perClass: 16, valLimit: 2000 }, epochs: 30, logInterval: 10 };
/** The course's CIFAR-10 MLP([3072, 512, 256, 128, 64, 10]): Adam 1e-3, batches of 100. */
const CIFAR: Input = { dataset: "cifar10", model: BIG_MLP, optimizer: ADAM, batchSize: 100 };
/** scikit-learn's MLPClassifier optimizer: SGD lr 0.01 with Nesterov momentum 0.9. */
const NESTEROV: Input["optimizer"] = { name: "sgd", learningRate: 0.01, momentum: 0.9, nesterov: true };
const MLP_100: Input["model"] = { kind: "mlp", layers: [100] };

/** The course (`dl_mlp_mnist_pytorch`), experiment by experiment. */
export const COURSE_SECTIONS: readonly CourseSection[] = [
  {
    id: "linear",
    sklearn: "logistic-regression",
    title: "Recall of linear classifier: multinomial logistic regression",
    text: "The course fits scikit-learn's LogisticRegression (C=50, solver sag) on standardised pixels. Here: a softmax regression (one linear layer, log-softmax) trained by SGD on normalised pixels.",
    full: { config: { model: { kind: "softmax" }, epochs: 5, logInterval: 1 } },
    quick: { config: { model: { kind: "softmax" }, epochs: 1, data: QUICK } },
    numbers: [
      {
        label: "Test accuracy, softmax regression by mlp train (SGD)",
        // No courseValue: the course's 0.8997 is sag stopping early at tol 0.1, not SGD on a softmax
        // layer, so a gap here says nothing; the LogisticRegression replay row below is the like for like.
        course: "89.97% (score 0.8997)",
        ours: "bestVal",
      },
    ],
    figures: [
      {
        figure: "weights",
        caption: "Classification vector for each class (red negative, blue positive).",
        courseFigure: "dl_mlp_mnist_pytorch_12_0.png",
      },
    ],
  },
  {
    id: "sklearn",
    sklearn: "mlp-classifier",
    title: "MLP with scikit-learn: one hidden layer of 100",
    text: "The course's MLPClassifier(hidden_layer_sizes=(100,), max_iter=5, solver='sgd', learning_rate_init=0.01, batch_size=64) uses ReLU and Nesterov momentum 0.9. Here the same network and optimizer, 5 epochs.",
    full: { config: { model: MLP_100, optimizer: NESTEROV, epochs: 5 } },
    quick: { config: { model: MLP_100, optimizer: NESTEROV, epochs: 1, data: QUICK } },
    numbers: [
      {
        label: "MLP(100) by mlp train: last train loss / acc",
        course: "0.05340251 (iteration 5)",
        ours: "trainLast",
      },
      {
        label: "MLP(100) by mlp train: test accuracy",
        course: "97.19% (score 0.971900)",
        ours: "bestVal",
        courseValue: 0.9719,
      },
    ],
    figures: [
      {
        figure: "weights",
        caption: "Incoming weights of 16 hidden units (gray, scale ±0.5·max).",
        courseFigure: "dl_mlp_mnist_pytorch_14_3.png",
      },
    ],
  },
  {
    id: "twolayer",
    title: "MLP with PyTorch: TwoLayerMLP, one epoch",
    text: "TwoLayerMLP(784, 50, 10), SGD lr 0.01 momentum 0.5, batch 64, one epoch: the default of mlp train.",
    full: { config: { epochs: 1 } },
    quick: { config: { epochs: 1, data: QUICK } },
    numbers: [
      { label: "Total number of parameters", course: "39760", ours: "parameters" },
      { label: "train Loss / Acc", course: "0.4431 / 87.93%", ours: "trainLast" },
      { label: "val Loss / Acc", course: "0.3062 / 91.21%", ours: "valLast", courseValue: 0.9121 },
      { label: "Nb errors (error rate)", course: "879 (8.79%)", ours: "errors" },
      { label: "Training time", course: "0m 7s", ours: "seconds" },
    ],
    figures: [
      {
        figure: "samples",
        caption: "Validation images with true and predicted labels.",
        courseFigure: "dl_mlp_mnist_pytorch_23_1.png",
      },
      {
        figure: "errors",
        caption: "Misclassified validation images.",
        courseFigure: "dl_mlp_mnist_pytorch_25_1.png",
      },
    ],
  },
  {
    id: "resume",
    title: "Continue training from the checkpoint: 10 more epochs",
    text: "The course reloads models/mod-TwoLayerMLP.pth and trains 10 more epochs (log every 2). Here: mlp train --resume <run> --epochs 10.",
    full: { resumeOf: "twolayer", epochs: 10, logInterval: 2 },
    quick: { resumeOf: "twolayer", epochs: 2, logInterval: 1 },
    numbers: [
      { label: "Best val Acc", course: "92.32%", ours: "bestVal", courseValue: 0.9232 },
      { label: "Last train Loss / Acc", course: "0.2651 / 92.61% (epoch 8 of 0-9)", ours: "trainLast" },
    ],
    figures: [
      {
        figure: "curves",
        caption: "Train and val loss and accuracy per epoch.",
        courseFigure: "dl_mlp_mnist_pytorch_27_1.png",
      },
      { figure: "confusion", caption: "Confusion matrix of the best epoch on the validation set." },
    ],
  },
  {
    id: "mlp",
    title: "Test several MLP architectures: MLP 784-512-256-128-64-10",
    text: "MLP([D_in, 512, 256, 128, 64, D_out]) with ReLU, SGD lr 0.01 momentum 0.5, 10 epochs. mlp compare trains several such architectures side by side.",
    full: { config: { model: BIG_MLP, epochs: 10, logInterval: 2 } },
    quick: { config: { model: BIG_MLP, epochs: 3, data: QUICK } },
    numbers: [
      { label: "Best val Acc", course: "97.68%", ours: "bestVal", courseValue: 0.9768 },
      { label: "Training time", course: "1m 53s", ours: "seconds" },
    ],
    figures: [
      {
        figure: "curves",
        caption: "Train and val loss and accuracy per epoch.",
        courseFigure: "dl_mlp_mnist_pytorch_30_1.png",
      },
    ],
  },
  {
    id: "small-sgd",
    title: "Reduce the size of the training set: 160 samples, SGD",
    text: "16 samples per class drawn at random (stratified), batch 16, validation on the 10000 test images in batches of 1000, 100 epochs: the network learns the training set by heart (100%) and generalises far less.",
    full: { config: SMALL_FULL },
    quick: { config: SMALL_QUICK },
    numbers: [
      // 160 samples make the best epoch a matter of luck: 3 points of slack.
      { label: "Best val Acc", course: "77.08%", ours: "bestVal", courseValue: 0.7708, tolerance: 3 },
      { label: "Last train Loss / Acc", course: "0.0138 / 100.00% (epoch 80)", ours: "trainLast" },
    ],
    figures: [
      {
        figure: "curves",
        caption: "Train loss falls to zero while val loss rises: overfitting.",
        courseFigure: "dl_mlp_mnist_pytorch_33_1.png",
      },
    ],
  },
  {
    id: "small-adam",
    title: "Same 160 samples with an adaptive learning rate: Adam",
    text: "The same experiment with torch.optim.Adam(lr=0.001).",
    full: { config: { ...SMALL_FULL, optimizer: ADAM } },
    quick: { config: { ...SMALL_QUICK, optimizer: ADAM } },
    numbers: [
      { label: "Best val Acc", course: "78.35%", ours: "bestVal", courseValue: 0.7835, tolerance: 3 },
      { label: "Last train Loss / Acc", course: "0.0001 / 100.00% (epoch 80)", ours: "trainLast" },
    ],
    figures: [
      {
        figure: "curves",
        caption: "Adam fits the 160 samples within a few epochs.",
        courseFigure: "dl_mlp_mnist_pytorch_35_1.png",
      },
    ],
  },
  {
    id: "cifar10",
    title: "Run MLP on the CIFAR-10 data set",
    text: "MLP([3072, 512, 256, 128, 64, 10]) with Adam lr 0.001. The course's cell failed (CUDA error: all CUDA-capable devices are busy or unavailable), so it has no numbers to compare.",
    needs: "cifar10",
    full: {
      config: { ...CIFAR, valBatchSize: 100, data: { augment: true }, epochs: 50, logInterval: 10 },
    },
    quick: { config: { ...CIFAR, epochs: 2, data: QUICK } },
    numbers: [{ label: "Best val Acc", course: "(the course's run failed)", ours: "bestVal" }],
    figures: [
      { figure: "curves", caption: "Train and val loss and accuracy per epoch." },
      { figure: "samples", caption: "CIFAR-10 validation images with their predicted classes." },
    ],
  },
];

/** Which of our numbers goes beside one of the course's. */
export type CourseQuantity = CourseSection["numbers"][number]["ours"];

function percent(v: number | null | undefined): string {
  return v === null || v === undefined ? "-" : `${(100 * v).toFixed(2)}%`;
}

/**
 * Our figure for one of the course's numbers, as printed (`0.3101 / 91.09%`), and the accuracy behind it
 * when there is one (for the gap to the course's value).
 */
export function courseFigure(
  key: CourseQuantity,
  result: ExperimentResult,
): { text: string; value?: number } {
  const last = result.history.at(-1);
  const best = result.history.find((e) => e.epoch === result.bestEpoch);
  const pair = (m: { loss: number; accuracy: number } | undefined) =>
    m ? { text: `${m.loss.toFixed(4)} / ${percent(m.accuracy)}`, value: m.accuracy } : { text: "-" };
  switch (key) {
    case "bestVal":
      return {
        text: percent(result.bestValAccuracy),
        ...(result.bestValAccuracy === null ? {} : { value: result.bestValAccuracy }),
      };
    case "trainLast":
      return pair(last?.train);
    case "valLast":
      return pair(last?.val);
    case "valBest":
      return pair(best?.val);
    case "errors":
      return result.bestValAccuracy === null || !best?.val
        ? { text: "-" }
        : {
            text: `${Math.round((1 - result.bestValAccuracy) * best.val.samples)} (${percent(1 - result.bestValAccuracy)})`,
          };
    case "parameters":
      return { text: String(result.parameters) };
    case "seconds":
      return { text: `${result.seconds.toFixed(1)} s on ${result.backend}` };
  }
}
