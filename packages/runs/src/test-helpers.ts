// Shared by the tests only (not exported from the package).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { MetricsEntryInput } from "./run-handle.js";
import type { RunConfigInput } from "./schema/run-record.js";

/** A small but complete config. */
export const CONFIG: RunConfigInput = {
  model: { kind: "mlp", layers: [128, 64], activation: "relu", dropout: 0.2 },
  optimizer: { name: "adam", learningRate: 0.001, beta1: 0.9 },
  epochs: 3,
  batchSize: 32,
  dataset: "mnist",
  seed: 42,
  data: { validationSplit: 0.1 },
};

/** A metrics line for `epoch` and `phase`. */
export function metrics(epoch: number, phase: "train" | "val" | "test", accuracy: number): MetricsEntryInput {
  return { epoch, phase, loss: 1 - accuracy, accuracy, lr: 0.001, seconds: 1.5, samples: 100 };
}

/** A fresh temporary folder and a function that removes it. */
export function tempRunsDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), "mlp-runs-"));
  return { dir: join(dir, "runs"), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
