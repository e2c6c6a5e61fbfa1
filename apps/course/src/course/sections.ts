import {
  type ExperimentConfig,
  type ExperimentConfigInput,
  parseExperimentConfig,
} from "@mlp-lab/experiments/browser";

/**
 * The experiment of a run: `@mlp-lab/experiments`' config with its defaults (the course's first run:
 * TwoLayerMLP 784-50-10, SGD lr 0.01 momentum 0.5, batch 64, one epoch, seed 1) under `input`.
 */
export function experiment(input: ExperimentConfigInput = {}): ExperimentConfig {
  return parseExperimentConfig(input);
}

/** One run of a section: its name in the run list and its experiment. */
export interface SectionRun {
  /** Run name (shown in the run list and stored in run.json). */
  name: string;
  /** What it trains. */
  config: ExperimentConfig;
}

/** A section of the course the page can replay. */
export interface CourseSection {
  /** Stable id, used in the URL hash (`#/section/<id>`). */
  id: string;
  /** Title as in the course. */
  title: string;
  /** What the course does there and what to look at. */
  text: string;
  /** The figure to compare with: the course's printed one, or (`reference`) one measured with `mlp train`. */
  courseFigure: string;
  /** Where `courseFigure` comes from (default: the course). */
  reference?: string;
  /** Runs, trained one after the other. */
  runs: SectionRun[];
}

/** The course's MLP([D_in, 512, 256, 128, 64, D_out]) with ReLU (the config's defaults for `kind: "mlp"`). */
const BIG_MLP = { kind: "mlp" } as const;

/**
 * The course's sections that train a network on MNIST, with the course's settings (the same as
 * `mlp course`): the first TwoLayerMLP epoch, the 5-layer MLP, the 160-sample SGD vs Adam experiment and an
 * architecture comparison; then the same networks on Fashion-MNIST.
 */
export const COURSE_SECTIONS: readonly CourseSection[] = [
  {
    id: "twolayer",
    title: "TwoLayerMLP, one epoch",
    text: "TwoLayerMLP(784, 50, 10), SGD lr 0.01 momentum 0.5, batch 64, one epoch over the 60,000 training images, validated on the 10,000 test images.",
    courseFigure: "val Acc 91.21% after one epoch",
    runs: [{ name: "twolayer", config: experiment() }],
  },
  {
    id: "mlp",
    title: "MLP 784-512-256-128-64-10, SGD",
    text: "The course's deeper MLP with ReLU, SGD lr 0.01 momentum 0.5, batch 64, 10 epochs; the best validation epoch's weights are kept.",
    courseFigure: "best val Acc 97.68% in 10 epochs",
    runs: [
      {
        name: "mlp-sgd",
        config: experiment({ model: BIG_MLP, epochs: 10 }),
      },
    ],
  },
  {
    id: "small",
    title: "160 training samples: SGD vs Adam",
    text: "The same MLP on a stratified subset of 16 images per class (seeded), batch 16, 100 epochs: SGD (lr 0.01, momentum 0.5) against Adam (lr 0.001). With so little data both overfit; Adam gets there faster.",
    courseFigure: "best val Acc 77.08% (SGD) / 78.35% (Adam)",
    runs: (["sgd", "adam"] as const).map((name) => ({
      name: `small-${name}`,
      config: experiment({
        model: BIG_MLP,
        optimizer:
          name === "sgd" ? { name, learningRate: 0.01, momentum: 0.5 } : { name, learningRate: 0.001 },
        data: { perClass: 16 },
        batchSize: 16,
        valBatchSize: 1000,
        epochs: 100,
        logInterval: 20,
      }),
    })),
  },
  {
    id: "compare",
    title: "Compare architectures",
    text: "Which architecture? TwoLayerMLP with 50 hidden units, a one-hidden-layer MLP of 128 ReLU units, and the 5-layer MLP, each for 3 epochs of SGD with the course's settings.",
    courseFigure: "deeper is better here: the 5-layer MLP leads after 3 epochs",
    runs: [
      { name: "compare-50", config: experiment({ epochs: 3 }) },
      {
        name: "compare-128",
        config: experiment({
          model: { kind: "mlp", layers: [128] },
          epochs: 3,
        }),
      },
      {
        name: "compare-512-256-128-64",
        config: experiment({ model: BIG_MLP, epochs: 3 }),
      },
    ],
  },
  {
    id: "fashion",
    title: "Fashion-MNIST: the same MLPs on clothes",
    text: "Fashion-MNIST (Zalando Research): 70,000 grey 28x28 images of ten kinds of clothing (T-shirt/top, trouser, pullover, dress, coat, sandal, shirt, sneaker, bag, ankle boot), the same shape as MNIST and much harder to tell apart. TwoLayerMLP and the 5-layer MLP, 3 epochs each of SGD with the course's settings; the confusion matrix shows which garments they mix up (shirts with T-shirts, pullovers and coats).",
    courseFigure: "best val Acc 83.53% (TwoLayerMLP) / 84.62% (5-layer MLP) in 3 epochs",
    reference: "mlp train, native backend, seed 1",
    runs: [
      { name: "fashion-twolayer", config: experiment({ dataset: "fashion-mnist", epochs: 3 }) },
      {
        name: "fashion-mlp",
        config: experiment({ dataset: "fashion-mnist", model: BIG_MLP, epochs: 3 }),
      },
    ],
  },
];

/** The section with this id, or `undefined`. */
export function findSection(id: string): CourseSection | undefined {
  return COURSE_SECTIONS.find((s) => s.id === id);
}
