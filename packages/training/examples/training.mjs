import { useBackend } from "@mlp-lab/backend";
import { BatchLoader, loadImageSet } from "@mlp-lab/datasets";
import { createModel } from "@mlp-lab/models";
import { createOptimizer, createScheduler, trainValModel } from "@mlp-lab/training";

await useBackend("auto"); // native where its addon loads, else wasm
const normalize = { mean: [0.1307], std: [0.3081] };
const train = new BatchLoader(await loadImageSet("mnist", "train"), {
  batchSize: 64,
  shuffle: true,
  seed: 1,
  normalize,
});
const val = new BatchLoader(await loadImageSet("mnist", "test"), { batchSize: 10000, normalize });
const model = createModel({ kind: "mlp", layers: [784, 128, 10] }, 1);
const optimizer = createOptimizer({ kind: "adam", options: { lr: 1e-3 } }, model.namedParameters());
const scheduler = createScheduler({ kind: "cosine", tMax: 2 }, optimizer);
const { history } = await trainValModel(model, {
  optimizer,
  scheduler,
  train,
  val,
  epochs: 2,
  earlyStopping: { monitor: "val_loss", patience: 3, restoreBest: true },
});
console.log(history.epochs.at(-1)); // the last epoch's train and val loss and accuracy
