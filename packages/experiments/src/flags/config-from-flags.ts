import {
  type ExperimentConfig,
  type ExperimentConfigInput,
  parseExperimentConfig,
} from "../experiment-config.js";
import { FlagError } from "./flag-error.js";
import type { TrainingFlags } from "./training-flags.js";

type Json = Record<string, unknown>;

const conflict = (message: string) => new FlagError("FLAG_CONFLICT", message);

/** Which optimizers each hyperparameter flag applies to, and its name in the config. */
const OPTIMIZER_FLAGS: Record<string, { flag: string; key: string; kinds?: readonly string[] }> = {
  lr: { flag: "--lr", key: "learningRate" },
  weightDecay: { flag: "--weight-decay", key: "weightDecay" },
  maxGradNorm: { flag: "--max-grad-norm", key: "maxGradNorm" },
  momentum: { flag: "--momentum", key: "momentum", kinds: ["sgd", "rmsprop"] },
  nesterov: { flag: "--nesterov", key: "nesterov", kinds: ["sgd"] },
  beta1: { flag: "--beta1", key: "beta1", kinds: ["adam", "adamw"] },
  beta2: { flag: "--beta2", key: "beta2", kinds: ["adam", "adamw"] },
  amsgrad: { flag: "--amsgrad", key: "amsgrad", kinds: ["adam", "adamw"] },
  eps: { flag: "--eps", key: "eps", kinds: ["adam", "adamw", "rmsprop"] },
  alpha: { flag: "--alpha", key: "alpha", kinds: ["rmsprop"] },
  centered: { flag: "--centered", key: "centered", kinds: ["rmsprop"] },
};
const MODEL_FLAGS = ["model", "hidden", "layers", "activation", "dropout"];
const SCHEDULE_FLAGS = [
  "scheduler",
  "stepSize",
  "milestones",
  "gamma",
  "startFactor",
  "warmup",
  "tMax",
  "minLr",
];
const DATA_FLAGS: Record<string, string> = {
  dataDir: "dir",
  download: "download",
  trainLimit: "trainLimit",
  valLimit: "valLimit",
  perClass: "perClass",
  valSplit: "valSplit",
  augment: "augment",
};
const LOOP_FLAGS = ["dataset", "epochs", "batchSize", "valBatchSize", "seed", "logInterval", "backend"];

function model(f: TrainingFlags, kind: string, base: Json | undefined, set: (k: string) => boolean): Json {
  const m: Json = base?.kind === kind ? { ...base } : { kind };
  if (kind === "two-layer" && (set("hidden") || !base || base.kind !== kind)) m.layers = [f.hidden];
  if (kind === "mlp") {
    if (f.layers) m.layers = f.layers;
    if (set("activation") || m.activation === undefined) m.activation = f.activation;
    if (set("dropout") || m.dropout === undefined) m.dropout = f.dropout;
  }
  return m;
}

function schedule(f: TrainingFlags): Json | null {
  const gamma = f.gamma === undefined ? {} : { gamma: f.gamma };
  let main: Json | null;
  switch (f.scheduler) {
    case "none":
      main = null;
      break;
    case "step":
      if (f.stepSize === undefined) throw conflict("--scheduler step needs --step-size <epochs>");
      main = { name: "step", stepSize: f.stepSize, ...gamma };
      break;
    case "multistep":
      if (!f.milestones) throw conflict("--scheduler multistep needs --milestones <epochs,...>");
      main = { name: "multistep", milestones: f.milestones, ...gamma };
      break;
    case "exponential":
      main = { name: "exponential", ...gamma };
      break;
    case "cosine":
      main = { name: "cosine", tMax: f.tMax, etaMin: f.minLr };
      break;
    case "linear":
      main = { name: "linear", startFactor: f.startFactor, totalIters: f.tMax };
      break;
    case "plateau":
      main = {
        name: "plateau",
        monitor: f.monitor,
        factor: f.gamma,
        patience: f.schedulerPatience,
        minLr: f.minLr,
      };
  }
  if (!f.warmup) return main;
  if (main?.name === "plateau") throw conflict("--warmup cannot be combined with --scheduler plateau");
  return { name: "warmup", epochs: f.warmup, ...(main ? { after: main } : {}) };
}

/**
 * The experiment config of a command line's training flags: the flags `isSet` says were given (on the
 * command line, in a flags file or the environment) over `base` (a config document), or over the
 * defaults, the course's first run. A flag the chosen optimizer or schedule does not take is a
 * {@link FlagError} rather than silently ignored; a value the config refuses is an
 * `ExperimentConfigError` naming its field.
 */
export function configFromFlags(
  f: TrainingFlags,
  isSet: (key: keyof TrainingFlags) => boolean,
  base?: ExperimentConfig,
): ExperimentConfig {
  const set = (key: string) => isSet(key as keyof TrainingFlags);
  const start: Json = base ? structuredClone(base) : { backend: f.backend };
  const c = start as Json & { data: Json; model?: Json; optimizer?: Json };
  c.data = { ...(c.data as Json | undefined) };
  for (const [flag, key] of Object.entries(DATA_FLAGS))
    if (set(flag)) c.data[key] = f[flag as keyof TrainingFlags];
  for (const key of LOOP_FLAGS) if (set(key)) c[key] = f[key as keyof TrainingFlags];
  if (MODEL_FLAGS.some(set)) {
    // --layers alone means the layered MLP: `--layers 512,256` should not silently train the two-layer model.
    const kind = set("model") ? f.model : set("layers") ? "mlp" : ((c.model?.kind as string) ?? "two-layer");
    c.model = model(f, kind, c.model, set);
  }
  const optimizerKeys = ["optimizer", ...Object.keys(OPTIMIZER_FLAGS)];
  if (optimizerKeys.some(set)) {
    const name = set("optimizer") ? f.optimizer : ((c.optimizer?.name as string) ?? "sgd");
    const o: Json = c.optimizer?.name === name ? { ...c.optimizer } : { name };
    for (const [key, { flag, key: field, kinds }] of Object.entries(OPTIMIZER_FLAGS)) {
      const value = f[key as keyof TrainingFlags];
      if (!set(key) || value === undefined || value === false) continue;
      if (kinds && !kinds.includes(name))
        throw conflict(`${flag} applies to ${kinds.join(" and ")}, not --optimizer ${name}`);
      o[field] = value;
    }
    c.optimizer = o;
  }
  if (SCHEDULE_FLAGS.some(set) || (set("schedulerPatience") && f.scheduler === "plateau"))
    c.scheduler = schedule(f);
  if (set("earlyStopping"))
    c.earlyStopping = { monitor: f.monitor, patience: f.earlyStopping, minDelta: f.minDelta };
  else if (c.earlyStopping && (set("monitor") || set("minDelta")))
    c.earlyStopping = { ...(c.earlyStopping as Json), monitor: f.monitor, minDelta: f.minDelta };
  return parseExperimentConfig(JSON.parse(JSON.stringify(start)) as ExperimentConfigInput);
}
