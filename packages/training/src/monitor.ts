import { TrainingError } from "./errors.js";
import type { EpochRecord } from "./history.js";

/** A quantity to watch at the end of each epoch, Keras-style. */
export type MonitorName = "val_loss" | "val_accuracy" | "train_loss" | "train_accuracy";

/** Every {@link MonitorName}. */
export const MONITOR_NAMES: readonly MonitorName[] = [
  "val_loss",
  "val_accuracy",
  "train_loss",
  "train_accuracy",
];

/** Whether lower (`min`) or higher (`max`) values of a monitored quantity are better. */
export type MonitorMode = "min" | "max";

/** `max` for accuracies, `min` for losses (Keras' `mode="auto"`). */
export function autoMode(monitor: MonitorName): MonitorMode {
  return monitor.endsWith("accuracy") ? "max" : "min";
}

/**
 * The value of `monitor` in an epoch record.
 * @throws TrainingError `BAD_OPTION` when it asks for validation metrics of a run without validation.
 */
export function monitoredValue(record: EpochRecord, monitor: MonitorName): number {
  const [phase, metric] = monitor.split("_") as ["train" | "val", "loss" | "accuracy"];
  const metrics = phase === "train" ? record.train : record.val;
  if (!metrics) {
    throw new TrainingError(
      "BAD_OPTION",
      `monitor "${monitor}" needs validation data, but epoch ${record.epoch} has none`,
    );
  }
  return metrics[metric];
}
