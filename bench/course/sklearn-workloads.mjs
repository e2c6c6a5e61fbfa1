import { mnist, pixelMatrix } from "./data.mjs";
import { estimators } from "./packages.mjs";

let standardised;

/** The course's `StandardScaler().fit_transform(X_train)` and `transform(X_test)`. */
async function standardisedMnist() {
  if (!standardised) {
    const { train, test } = await mnist();
    const scaler = new estimators.StandardScaler();
    standardised = {
      xTrain: scaler.fitTransform(pixelMatrix(train)),
      yTrain: train.labels,
      xTest: scaler.transform(pixelMatrix(test)),
      yTest: test.labels,
    };
  }
  return standardised;
}

/** `LogisticRegression(C=50., multi_class='multinomial', solver='sag', tol=0.1)`, test score. */
export async function logisticRegression(log) {
  const { xTrain, yTrain, xTest, yTest } = await standardisedMnist();
  const clf = new estimators.LogisticRegression({
    C: 50,
    solver: "sag",
    tol: 0.1,
    randomState: 1,
    onWarning: (w) => log(`  ${w.name}: ${w.message}`),
  });
  clf.fit(xTrain, yTrain);
  const score = clf.score(xTest, yTest);
  log(`  sag epochs: ${clf.nIter}; Test score with penalty: ${score.toFixed(4)}`);
  return [{ label: "test", course: 0.8997, ours: score, scale: 1 }];
}

/** The same model with scikit-learn's default solver, L-BFGS (no course figure: for comparison). */
export async function logisticRegressionLbfgs(log) {
  const { xTrain, yTrain, xTest, yTest } = await standardisedMnist();
  const clf = new estimators.LogisticRegression({
    C: 50,
    onWarning: (w) => log(`  ${w.name}: ${w.message}`),
  });
  clf.fit(xTrain, yTrain);
  const score = clf.score(xTest, yTest);
  log(`  lbfgs iterations: ${clf.nIter}; Test score: ${score.toFixed(4)}`);
  return [{ label: "test", course: undefined, ours: score, scale: 1 }];
}

/**
 * `MLPClassifier(hidden_layer_sizes=(100,), max_iter=5, alpha=1e-4, solver='sgd', tol=1e-4,
 * random_state=1, learning_rate_init=0.01, batch_size=64)` on the standardised pixels.
 */
export async function mlpClassifier(log) {
  const { xTrain, yTrain, xTest, yTest } = await standardisedMnist();
  const mlp = new estimators.MLPClassifier({
    hiddenLayerSizes: [100],
    maxIter: 5,
    alpha: 1e-4,
    solver: "sgd",
    verbose: true,
    tol: 1e-4,
    randomState: 1,
    learningRateInit: 0.01,
    batchSize: 64,
    log: (line) => log(`  ${line}`),
    onWarning: (w) => log(`  ${w.name}: ${w.message}`),
  });
  mlp.fit(xTrain, yTrain);
  const train = mlp.score(xTrain, yTrain);
  const test = mlp.score(xTest, yTest);
  log(
    `  Training set score: ${train.toFixed(6)}; Test set score: ${test.toFixed(6)}; Coef shape= ${mlp.coefs.length}`,
  );
  mlp.dispose();
  return [
    { label: "train", course: 0.9891, ours: train, scale: 1 },
    { label: "test", course: 0.9719, ours: test, scale: 1 },
  ];
}
