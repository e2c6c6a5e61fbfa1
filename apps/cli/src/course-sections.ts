/** The `mlp train` words of one course experiment. */
export interface CourseRun {
  /** Training flags, as on the command line. */
  args: string[];
  /** Continue the run of this section instead of starting a new one. */
  resumeOf?: string;
}

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

// The flag lists below are built from these pieces so that the sections that share a setup (the
// 160-sample experiment with SGD and Adam, the big MLP, Adam 1e-3) say so once.
const QUICK = ["--train-limit", "10000", "--val-limit", "2000"];
/** The course's MLP([D_in, 512, 256, 128, 64, D_out]). */
const BIG_MLP = ["--layers", "512,256,128,64"];
/** The course's `optim.Adam(model.parameters(), lr=0.001)`. */
const ADAM = ["--optimizer", "adam", "--lr", "0.001"];
/** The course's 10 mini-batches of 16: 16 samples per class, validation in batches of 1000. */
const SMALL = [...BIG_MLP, "--per-class", "16", "--batch-size", "16", "--val-batch-size", "1000"];
const SMALL_FULL = [...SMALL, "--epochs", "100", "--log-interval", "20"];
const SMALL_QUICK = [...SMALL, "--val-limit", "2000", "--epochs", "30", "--log-interval", "10"];
/** The course's CIFAR-10 MLP([3072, 512, 256, 128, 64, 10]): Adam 1e-3, batches of 100. */
const CIFAR = ["--dataset", "cifar10", ...BIG_MLP, ...ADAM, "--batch-size", "100"];
/** scikit-learn's MLPClassifier optimizer: SGD with Nesterov momentum 0.9. */
const NESTEROV = ["--momentum", "0.9", "--nesterov"];

/** The course (`dl_mlp_mnist_pytorch`), experiment by experiment. */
export const COURSE_SECTIONS: readonly CourseSection[] = [
  {
    id: "linear",
    sklearn: "logistic-regression",
    title: "Recall of linear classifier: multinomial logistic regression",
    text: "The course fits scikit-learn's LogisticRegression (C=50, solver sag) on standardised pixels. Here: a softmax regression (one linear layer, log-softmax) trained by SGD on normalised pixels.",
    full: { args: ["--model", "softmax", "--epochs", "5", "--log-interval", "1"] },
    quick: { args: ["--model", "softmax", "--epochs", "1", ...QUICK] },
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
    full: { args: ["--layers", "100", "--epochs", "5", ...NESTEROV] },
    quick: { args: ["--layers", "100", "--epochs", "1", ...NESTEROV, ...QUICK] },
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
    full: { args: ["--epochs", "1"] },
    quick: { args: ["--epochs", "1", ...QUICK] },
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
    full: { args: ["--epochs", "10", "--log-interval", "2"], resumeOf: "twolayer" },
    quick: { args: ["--epochs", "2", "--log-interval", "1", ...QUICK], resumeOf: "twolayer" },
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
    full: { args: [...BIG_MLP, "--epochs", "10", "--log-interval", "2"] },
    quick: { args: [...BIG_MLP, "--epochs", "3", ...QUICK] },
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
    full: { args: SMALL_FULL },
    quick: { args: SMALL_QUICK },
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
    full: { args: [...SMALL_FULL, ...ADAM] },
    quick: { args: [...SMALL_QUICK, ...ADAM] },
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
      args: [...CIFAR, "--val-batch-size", "100", "--augment", "--epochs", "50", "--log-interval", "10"],
    },
    quick: { args: [...CIFAR, "--epochs", "2", ...QUICK] },
    numbers: [{ label: "Best val Acc", course: "(the course's run failed)", ours: "bestVal" }],
    figures: [
      { figure: "curves", caption: "Train and val loss and accuracy per epoch." },
      { figure: "samples", caption: "CIFAR-10 validation images with their predicted classes." },
    ],
  },
];
