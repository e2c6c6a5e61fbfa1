// The experiment document a browser run stores as run.json's `config`: the same ExperimentConfig (version 2)
// that `mlp train --print-config` prints and `@mlp-lab/experiments` reads, so `mlp train --resume` and
// `mlp runs` treat a run made in the page like one made by the CLI. Only the fields the page varies are
// typed; the rest take the CLI's defaults.

/** The model of an experiment, by kind (hidden widths, input side first). */
export type ModelDoc =
  | { kind: "two-layer"; layers: [number] }
  | { kind: "mlp"; layers: number[]; activation: "relu"; dropout: number };

/** The optimizer of an experiment. */
export type OptimizerDoc =
  | { name: "sgd"; learningRate: number; momentum: number }
  | { name: "adam"; learningRate: number };

/** An ExperimentConfig (version 2) with every field the page writes. */
export interface ExperimentDoc {
  version: 2;
  dataset: "mnist" | "fashion-mnist";
  data: { download: boolean; augment: boolean; perClass?: number; trainLimit?: number; valLimit?: number };
  normalize?: { mean: number[]; std: number[] };
  model: ModelDoc;
  optimizer: OptimizerDoc;
  scheduler: null;
  earlyStopping: null;
  epochs: number;
  batchSize: number;
  valBatchSize: number;
  seed: number;
  logInterval: number;
  backend: "auto";
}

/** The course's first run (`mlp train` with no flag): TwoLayerMLP 784-50-10, SGD 0.01 momentum 0.5, batch 64. */
export function courseDefaults(): ExperimentDoc {
  return {
    version: 2,
    dataset: "mnist",
    data: { download: true, augment: false },
    model: { kind: "two-layer", layers: [50] },
    optimizer: { name: "sgd", learningRate: 0.01, momentum: 0.5 },
    scheduler: null,
    earlyStopping: null,
    epochs: 1,
    batchSize: 64,
    valBatchSize: 10000,
    seed: 1,
    logInterval: 1,
    backend: "auto",
  };
}

/** A copy of the course defaults with some fields replaced. */
export function experiment(overrides: Partial<ExperimentDoc>): ExperimentDoc {
  const base = courseDefaults();
  return { ...base, ...overrides, data: { ...base.data, ...overrides.data } };
}
