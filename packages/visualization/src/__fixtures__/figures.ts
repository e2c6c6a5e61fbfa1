/** Every figure of the package drawn from the synthetic fixtures, with the texts each must contain. */
import { confusionMatrix } from "@mlp-lab/metrics";
import { confusionSvg, curvesSvg, perClassAccuracySvg } from "../chart-svg.js";
import { CIFAR10_CLASSES } from "../class-names.js";
import { coefficientMapsSvg } from "../coefficient-maps.js";
import { misclassifiedGridSvg } from "../misclassified-grid.js";
import { sampleGridSvg } from "../sample-grid.js";
import { weightMapsSvg } from "../weight-maps.js";
import {
  cifarBatch,
  coefficients,
  courseHistory,
  digitBatch,
  firstLayerKernel,
  overfittingHistory,
} from "./synthetic.js";

/** A figure to check: its file name, how to draw it, and strings its SVG must hold. */
export interface FixtureFigure {
  name: string;
  draw: () => string | Promise<string>;
  expect: string[];
}

const digits = digitBatch(40);
const mnist = { pixels: digits.pixels, width: 28, height: 28 };
const cifar = cifarBatch(12);
const cifarCm = confusionMatrix(cifar.yTrue, cifar.yPred, 10);
const mnistCm = confusionMatrix(digits.yTrue, digits.yPred, 10);

export const FIXTURE_FIGURES: FixtureFigure[] = [
  {
    name: "samples-2x3",
    draw: () => sampleGridSvg(mnist, { yTrue: digits.yTrue }),
    expect: ["True: 3", "True: 0", "True: 7"],
  },
  {
    name: "predictions-3x4",
    draw: () => sampleGridSvg(mnist, { yTrue: digits.yTrue, yPred: digits.yPred, rows: 3, cols: 4 }),
    expect: ["True: 3 Pred: 3", "True: 0 Pred: 8", "True: 7 Pred: 7"],
  },
  {
    name: "misclassified-3x4",
    draw: () => misclassifiedGridSvg(mnist, { yTrue: digits.yTrue, yPred: digits.yPred }),
    expect: ["Nb errors = 13, (Error rate = 32.50%)", "True: 0 Pred: 8"],
  },
  {
    name: "coefficient-maps-2x5",
    draw: () => coefficientMapsSvg(coefficients()),
    expect: ["Classification vector for...", "Class 0", "Class 9", "Coefficient"],
  },
  {
    name: "weight-maps-4x4",
    draw: () => weightMapsSvg(firstLayerKernel(50), { units: 50 }),
    expect: ["First-layer weights", "Unit 0", "Unit 15", "-0.0251", "0.0462"],
  },
  {
    name: "cifar-samples",
    draw: () =>
      sampleGridSvg(
        { pixels: cifar.pixels, width: 32, height: 32, channels: 3 },
        { yTrue: cifar.yTrue, yPred: cifar.yPred, rows: 2, cols: 5, classNames: CIFAR10_CLASSES },
      ),
    expect: ["True: airplane", "Pred: automobile", "True: truck"],
  },
  {
    name: "curves-loss",
    draw: () => curvesSvg(courseHistory()),
    expect: ["Training curves: TwoLayerMLP (50)", "Epoch", "Loss", "Phase", "train", "val"],
  },
  {
    name: "curves-both",
    draw: () => curvesSvg(courseHistory(), { metric: "both" }),
    expect: ["Loss", "Accuracy", "Epoch", "Phase", "92%"],
  },
  {
    name: "curves-compare",
    draw: () => curvesSvg([courseHistory(), overfittingHistory()], { metric: "both", title: "Architecture comparison" }),
    expect: ["Architecture comparison", "Run", "TwoLayerMLP (50)", "MLP 512-256-128-64", "Phase"],
  },
  {
    name: "confusion-mnist",
    draw: () => confusionSvg(mnistCm),
    expect: ["Confusion matrix", "Predicted class", "True class", "Count", ">4<"],
  },
  {
    name: "confusion-cifar",
    draw: () => confusionSvg(cifarCm, { classNames: CIFAR10_CLASSES, title: "CIFAR-10 confusion" }),
    expect: ["CIFAR-10 confusion", "automobile", "truck", "Count"],
  },
  {
    name: "per-class-accuracy",
    draw: () => perClassAccuracySvg(mnistCm),
    expect: ["Per-class accuracy", "Overall accuracy (67.5%)", "Class", "Accuracy", "75.0%", "50.0%"],
  },
];
