import type { ImageSet } from "@mlp-lab/datasets";
import { LogisticRegression, MLPClassifier, StandardScaler } from "@mlp-lab/estimators";
import type { ReportFigure } from "@mlp-lab/visualization";
import { coefficientMapsSvg, weightMapsSvg } from "@mlp-lab/visualization";
import { type CourseComparison, percent } from "./course-comparison.js";

/** What replaying one scikit-learn cell adds to its report section. */
export interface SklearnReplay {
  comparisons: CourseComparison[];
  figures: ReportFigure[];
  /** Lines the cell printed (scikit-learn's verbose output). */
  lines: string[];
}

function pixels(set: ImageSet) {
  return { data: set.images, rows: set.count, cols: set.height * set.width * set.channels };
}

/** The course's `StandardScaler().fit_transform(X_train)` and `transform(X_test)`. */
function standardised(train: ImageSet, test: ImageSet) {
  const scaler = new StandardScaler();
  return { xTrain: scaler.fitTransform(pixels(train)), xTest: scaler.transform(pixels(test)) };
}

/**
 * `LogisticRegression(C=50., multi_class='multinomial', solver='sag', tol=0.1)` on standardised
 * pixels, with `@mlp-lab/estimators`: its test score and its coefficient maps. With `lbfgs`, also
 * the same model with scikit-learn's default solver, which the course did not run (minutes at full
 * scale), to show how much of the gap is the solver stopping early at tol 0.1.
 */
export function replayLogisticRegression(
  train: ImageSet,
  test: ImageSet,
  options: { lbfgs?: boolean } = {},
): SklearnReplay {
  const { xTrain, xTest } = standardised(train, test);
  const lines: string[] = [];
  const clf = new LogisticRegression({
    C: 50,
    solver: "sag",
    tol: 0.1,
    randomState: 1,
    onWarning: (w) => lines.push(`${w.name}: ${w.message}`),
  });
  clf.fit(xTrain, train.labels);
  const score = clf.score(xTest, test.labels);
  lines.push(`Test score with penalty: ${score.toFixed(4)} (sag, ${clf.nIter} epochs)`);
  const comparisons: CourseComparison[] = [
    {
      label: "Test score, LogisticRegression(C=50, sag) on standardised pixels",
      course: "0.8997",
      ours: score.toFixed(4),
      note: "@mlp-lab/estimators, the same model and solver as scikit-learn",
      courseValue: 0.8997,
      oursValue: score,
    },
  ];
  if (options.lbfgs) {
    const lbfgs = new LogisticRegression({
      C: 50,
      onWarning: (w) => lines.push(`${w.name}: ${w.message}`),
    });
    lbfgs.fit(xTrain, train.labels);
    const lbfgsScore = lbfgs.score(xTest, test.labels);
    lines.push(`Test score, lbfgs: ${lbfgsScore.toFixed(4)} (${lbfgs.nIter} iterations)`);
    comparisons.push({
      label: "Test score, LogisticRegression(C=50, lbfgs) on standardised pixels",
      course: "-",
      ours: lbfgsScore.toFixed(4),
      note: "scikit-learn's default solver; the course ran sag only",
      oursValue: lbfgsScore,
    });
  }
  return {
    lines,
    comparisons,
    figures: [
      {
        id: "linear-sklearn-coefficients",
        caption:
          "Classification vector for each class, LogisticRegression(C=50, sag), as the course draws it.",
        svg: coefficientMapsSvg(Float32Array.from(clf.coef!), {
          numClasses: 10,
          width: train.width,
          height: train.height,
        }),
        courseFigure: "dl_mlp_mnist_pytorch_12_0.png",
      },
    ],
  };
}

/** The course's printed MLPClassifier losses, iterations 1 to 5. */
const COURSE_MLP_LOSSES = ["0.28828673", "0.13388073", "0.09366379", "0.07317648", "0.05340251"];

/**
 * `MLPClassifier(hidden_layer_sizes=(100,), max_iter=5, alpha=1e-4, solver='sgd', tol=1e-4,
 * random_state=1, learning_rate_init=0.01, batch_size=64)`: its iteration losses, scores and the
 * 4x4 first-layer weight maps.
 */
export function replayMlpClassifier(train: ImageSet, test: ImageSet, maxIter: number): SklearnReplay {
  const { xTrain, xTest } = standardised(train, test);
  const lines: string[] = [];
  const mlp = new MLPClassifier({
    hiddenLayerSizes: [100],
    maxIter,
    alpha: 1e-4,
    solver: "sgd",
    verbose: true,
    tol: 1e-4,
    randomState: 1,
    learningRateInit: 0.01,
    batchSize: 64,
    log: (line) => lines.push(line),
    onWarning: (w) => lines.push(`${w.name}: ${w.message}`),
  });
  try {
    mlp.fit(xTrain, train.labels);
    const trainScore = mlp.score(xTrain, train.labels);
    const testScore = mlp.score(xTest, test.labels);
    lines.push(`Training set score: ${trainScore.toFixed(6)}`, `Test set score: ${testScore.toFixed(6)}`);
    const first = mlp.coefs[0]!;
    const note = "@mlp-lab/estimators MLPClassifier, scikit-learn's algorithm";
    return {
      lines,
      comparisons: [
        {
          label: `MLPClassifier loss, iteration ${mlp.lossCurve.length}`,
          // Compare like with like: a --quick replay stops before the course's fifth iteration.
          course: COURSE_MLP_LOSSES[mlp.lossCurve.length - 1] ?? "0.05340251 (iteration 5)",
          ours: (mlp.lossCurve.at(-1) ?? Number.NaN).toFixed(8),
          note,
        },
        {
          label: "MLPClassifier training set score",
          course: "0.989067",
          ours: `${trainScore.toFixed(6)} (${percent(trainScore)})`,
          note,
          courseValue: 0.989067,
          oursValue: trainScore,
        },
        {
          label: "MLPClassifier test set score",
          course: "0.971900",
          ours: `${testScore.toFixed(6)} (${percent(testScore)})`,
          note,
          courseValue: 0.9719,
          oursValue: testScore,
        },
      ],
      figures: [
        {
          id: "sklearn-mlpclassifier-weights",
          caption:
            "MLPClassifier: incoming weights of the first 16 hidden units (gray, scale ±0.5·max), as the course draws them.",
          svg: weightMapsSvg(first.data, {
            units: first.shape[1]!,
            width: train.width,
            height: train.height,
          }),
          courseFigure: "dl_mlp_mnist_pytorch_14_3.png",
        },
      ],
    };
  } finally {
    mlp.dispose();
  }
}
