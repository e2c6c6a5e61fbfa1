import { createRun, listRuns, readMetrics } from "@mlp-lab/runs";

const config = {
  model: { kind: "mlp", layers: [512, 256], activation: "relu", dropout: 0.2 },
  optimizer: { name: "adam", learningRate: 0.001 },
  epochs: 2,
  batchSize: 64,
  dataset: "mnist",
  seed: 42,
};
const run = createRun("runs", { config }); // runs/20261127-140812-345-mnist-mlp-512-256-3f9a/
run.appendMetrics({
  epoch: 0,
  phase: "train",
  loss: 0.31,
  accuracy: 0.91,
  lr: 0.001,
  seconds: 4.2,
  samples: 54000,
});
const { newBest } = run.appendMetrics({
  epoch: 0,
  phase: "val",
  loss: 0.12,
  accuracy: 0.96,
  seconds: 0.3,
  samples: 6000,
});
if (newBest) console.log("save the best checkpoint in", run.checkpointPath("best"));
run.complete({ parameters: 535_818 });
for (const entry of await listRuns("runs"))
  console.log(entry.ok ? `${entry.id} ${entry.run.status}` : `${entry.id} ${entry.error.message}`);
console.log(await readMetrics("runs", run.id));
