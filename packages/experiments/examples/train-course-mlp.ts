// The course's TwoLayerMLP (784-50-10, SGD lr 0.01 momentum 0.5, batch 64) for one epoch on MNIST, into a
// run folder that `mlp runs`, `mlp eval`, `mlp serve` and `mlp train --resume` accept.
import { evaluateRun, runExperiment } from "@mlp-lab/experiments";

const result = await runExperiment(
  {
    model: { kind: "two-layer", layers: [50] },
    optimizer: { name: "sgd", learningRate: 0.01, momentum: 0.5 },
    epochs: 1,
  },
  { runsDir: process.argv[2] ?? "runs", onEvent: (e) => e.type === "log" && console.log(e.line) },
);
const test = await evaluateRun(result.runDir, { split: "test" });
console.log(`Run ${result.runId}: test accuracy ${(100 * test.accuracy).toFixed(2)}%`);
