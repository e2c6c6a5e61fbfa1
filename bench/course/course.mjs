// `pnpm bench:course`: every workload of the course at full scale on real MNIST (and CIFAR-10
// when a copy is found), printing the course's figure, ours and the seconds each took.
//   node bench/course/course.mjs [--only name,name] [--data-dir DIR] [--cifar-epochs N] [--backend wasm]
import { parseArgs } from "node:util";
import { backend } from "./packages.mjs";
import { logisticRegression, logisticRegressionLbfgs, mlpClassifier } from "./sklearn-workloads.mjs";
import { formatTable } from "./table.mjs";
import { bigMlp, cifarMlp, subsetAdam, subsetSgd, twoLayerMlp } from "./torch-workloads.mjs";

const { values } = parseArgs({
  options: {
    only: { type: "string" },
    "data-dir": { type: "string" },
    "cifar-epochs": { type: "string", default: "50" },
    backend: { type: "string", default: "wasm" },
  },
});

const WORKLOADS = [
  ["logreg", "LogisticRegression C=50 sag tol=0.1 (standardised)", logisticRegression],
  ["logreg-lbfgs", "LogisticRegression C=50 lbfgs (sklearn default)", logisticRegressionLbfgs],
  ["mlpclassifier", "MLPClassifier(100) sgd lr 0.01 batch 64, 5 it", mlpClassifier],
  ["two-layer", "TwoLayerMLP 784-50-10 SGD 0.01 m 0.5", twoLayerMlp],
  ["mlp", "MLP 784-512-256-128-64-10 SGD, 10 epochs", bigMlp],
  ["subset-sgd", "MLP on 160 samples, SGD, 100 epochs", subsetSgd],
  ["subset-adam", "MLP on 160 samples, Adam 1e-3, 100 epochs", subsetAdam],
  [
    "cifar",
    "CIFAR-10 MLP 3072-512-256-128-64-10 Adam + augment",
    cifarMlp({ dataDir: values["data-dir"], epochs: Number(values["cifar-epochs"]) }),
  ],
];

const only = values.only?.split(",");
const selected = WORKLOADS.filter(([key]) => !only || only.includes(key));
const described = await backend.useBackend(values.backend);
console.log(`Backend: ${backend.formatBackend(described)}`);

const rows = [];
const log = (line) => console.log(line);
for (const [key, title, run] of selected) {
  console.log(`\n== ${title} [${key}]`);
  const started = performance.now();
  let result;
  try {
    result = await run(log);
  } catch (error) {
    result = { failed: error instanceof Error ? error.message : String(error) };
    console.log(`  failed: ${result.failed}`);
  }
  const seconds = (performance.now() - started) / 1000;
  rows.push({ title, seconds, result });
  console.log(`  (${seconds.toFixed(1)} s)`);
}
console.log(`\n${formatTable(rows)}`);
