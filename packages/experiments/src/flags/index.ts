// `@mlp-lab/experiments/flags`: the training flags of a command line, declared once, and the names they
// choose from. Loads no tfjs and no Node built-in, so a CLI can print its help at once.
export { FlagError, type FlagErrorCode } from "./flag-error.js";
export {
  choice,
  closest,
  fraction,
  integer,
  layerList,
  nonNegativeNumber,
  positiveNumber,
} from "./flag-parsers.js";
export { type FlagGroup, type FlagSpec, TRAINING_FLAGS, type TrainingFlags } from "./training-flags.js";
export {
  ACTIVATION_CHOICES,
  BACKEND_FLAG_CHOICES,
  COURSE_SECTION_IDS,
  DATASET_CHOICES,
  DEFAULT_LAYERS,
  MODEL_CHOICES,
  MONITOR_CHOICES,
  OPTIMIZER_CHOICES,
  SCHEDULER_FLAG_CHOICES,
} from "./flag-choices.js";
