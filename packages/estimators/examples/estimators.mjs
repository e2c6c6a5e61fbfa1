import { useBackend } from "@mlp-lab/backend";
import { loadImageSet } from "@mlp-lab/datasets";
import { LogisticRegression, MLPClassifier, StandardScaler } from "@mlp-lab/estimators";

await useBackend("auto"); // MLPClassifier runs on tfjs
const train = await loadImageSet("mnist", "train");
const rows = 2000; // the first 2000 images keep this quick; the course uses all 60000
const X = { data: train.images.subarray(0, rows * 784), rows, cols: 784 };
const y = train.labels.subarray(0, rows);
const scaler = new StandardScaler();
const Xs = scaler.fitTransform(X);
const clf = new LogisticRegression({ C: 50, solver: "sag", tol: 0.1 }).fit(Xs, y);
const mlp = new MLPClassifier({
  hiddenLayerSizes: [100],
  solver: "sgd",
  learningRateInit: 0.01,
  batchSize: 64,
  maxIter: 5,
});
mlp.fit(Xs, y); // emits a ConvergenceWarning, like scikit-learn
console.log(clf.score(Xs, y), mlp.score(Xs, y), mlp.lossCurve);
