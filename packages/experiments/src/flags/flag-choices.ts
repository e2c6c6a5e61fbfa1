// The names flags choose from, without loading tfjs: `@mlp-lab/experiments/flags` is what a CLI reads to
// print its help. The lists equal the libraries' own (ACTIVATIONS of @mlp-lab/models, OPTIMIZER_KINDS and
// MONITOR_NAMES of @mlp-lab/training, the config's MODEL_KINDS): flag-choices.test.ts checks it.
import { BACKEND_NAMES } from "@mlp-lab/backend/names";
import { DATASETS, type DatasetName } from "@mlp-lab/datasets/web";
import { COURSE_SECTIONS } from "../course.js";

/** Data sets `--dataset` takes. */
export const DATASET_CHOICES = Object.keys(DATASETS) as DatasetName[];
/** Backends `--backend` takes: `auto` or a concrete one. */
export const BACKEND_FLAG_CHOICES = ["auto", ...BACKEND_NAMES] as const;
/** Model kinds `--model` takes. */
export const MODEL_CHOICES = ["two-layer", "mlp", "softmax"] as const;
/** Hidden activations `--activation` takes. */
export const ACTIVATION_CHOICES = ["relu", "tanh", "sigmoid", "identity"] as const;
/** Optimizers `--optimizer` takes. */
export const OPTIMIZER_CHOICES = ["sgd", "adam", "adamw", "rmsprop"] as const;
/** Quantities `--monitor` watches. */
export const MONITOR_CHOICES = ["val_loss", "val_accuracy", "train_loss", "train_accuracy"] as const;
/** Schedules `--scheduler` takes (`--warmup N` can go in front of any of them but plateau). */
export const SCHEDULER_FLAG_CHOICES = [
  "none",
  "step",
  "multistep",
  "exponential",
  "cosine",
  "linear",
  "plateau",
] as const;
/** Hidden layers of the `mlp` model when `--layers` is not given: the course's 512-256-128-64. */
export const DEFAULT_LAYERS: readonly number[] = [512, 256, 128, 64];
/** Section ids of the course (`mlp course --only`). */
export const COURSE_SECTION_IDS: readonly string[] = COURSE_SECTIONS.map((s) => s.id);
