import { RUN_SCHEMA_VERSION } from "./run-record.js";

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

/** The hyperparameters each v1 optimizer recorded beside `name` and `learningRate`. */
const OPTIMIZER_KEYS: Record<string, readonly string[]> = {
  sgd: ["momentum", "nesterov", "weightDecay", "maxGradNorm", "dampening"],
  adam: ["beta1", "beta2", "eps", "amsgrad", "weightDecay", "maxGradNorm"],
  adamw: ["beta1", "beta2", "eps", "amsgrad", "weightDecay", "maxGradNorm"],
  rmsprop: ["alpha", "eps", "momentum", "centered", "weightDecay", "maxGradNorm"],
};

const DEFAULT_MLP_LAYERS = [512, 256, 128, 64];

function defined(entries: Array<[string, unknown]>): Json {
  return Object.fromEntries(entries.filter(([, v]) => v !== undefined && v !== null));
}

/** A v1 schedule (`{ name, ...}` with a nested `after: { kind, ... }`) in the v2 form (`name` at every level). */
function scheduleOf(v1: unknown): Json | null {
  if (!isObject(v1)) return null;
  const { name, kind, after, ...rest } = v1;
  return defined([
    ["name", name ?? kind],
    ...Object.entries(rest),
    ["after", after ? scheduleOf(after) : undefined],
  ]);
}

/**
 * `mlp train`'s v1 flags and resolved config as a v2 ExperimentConfig document. The optimizer, schedule
 * and early stopping come from the resolved parts (what actually trained), the data and loop from the flags.
 */
function experimentConfigFromV1(config: Json, flags: Json): Json {
  const modelKind = flags.model ?? (isObject(config.model) ? config.model.kind : undefined);
  const model =
    modelKind === "mlp"
      ? defined([
          ["kind", "mlp"],
          ["layers", flags.layers ?? DEFAULT_MLP_LAYERS],
          ["activation", flags.activation ?? "relu"],
          ["dropout", flags.dropout ?? 0],
        ])
      : modelKind === "softmax"
        ? { kind: "softmax", layers: [] }
        : { kind: "two-layer", layers: [flags.hidden ?? 50] };
  const v1Optimizer = isObject(config.optimizer) ? config.optimizer : {};
  const optimizerName = String(v1Optimizer.name ?? flags.optimizer ?? "sgd");
  const optimizer = defined([
    ["name", optimizerName],
    ["learningRate", v1Optimizer.learningRate],
    ...(OPTIMIZER_KEYS[optimizerName] ?? []).map((k): [string, unknown] => [k, v1Optimizer[k]]),
  ]);
  const data = defined([
    ["dir", flags.dataDir],
    ["download", flags.download ?? true],
    ["trainLimit", flags.trainLimit],
    ["valLimit", flags.valLimit],
    ["perClass", flags.perClass],
    ["valSplit", flags.valSplit],
    ["augment", flags.augment ?? false],
  ]);
  const early = isObject(config.earlyStopping) ? config.earlyStopping : null;
  return {
    ...defined([
      ["version", 2],
      ["dataset", config.dataset ?? flags.dataset],
      ["data", data],
      ["normalize", config.normalize],
      ["model", model],
      ["optimizer", optimizer],
    ]),
    scheduler: scheduleOf(config.scheduler),
    earlyStopping: early
      ? defined([
          ["monitor", early.monitor],
          ["patience", early.patience],
          ["minDelta", early.minDelta],
        ])
      : null,
    ...defined([
      ["epochs", config.epochs ?? flags.epochs],
      ["batchSize", config.batchSize ?? flags.batchSize],
      ["valBatchSize", flags.valBatchSize],
      ["seed", config.seed ?? flags.seed],
      ["logInterval", flags.logInterval],
      ["backend", flags.backend],
      ["initFrom", config.resumedFrom],
    ]),
  };
}

/**
 * Bring a parsed run.json up to the current schema (2) without validating it. Version 1 stored `mlp
 * train`'s command-line flags in `config.flags` (plus `config.modelConfig`, the models package's config);
 * version 2 stores the ExperimentConfig that resume reads back, so a v1 run written by `mlp train` gets
 * one made from its flags. A v1 run without flags (written by another tool) keeps its config as written.
 * Other values pass through unchanged.
 */
export function migrateRunRecord(raw: unknown): unknown {
  if (!isObject(raw) || raw.schemaVersion !== 1) return raw;
  const config = isObject(raw.config) ? raw.config : undefined;
  const flags = config && isObject(config.flags) ? config.flags : undefined;
  return {
    ...raw,
    schemaVersion: RUN_SCHEMA_VERSION,
    ...(config && flags ? { config: experimentConfigFromV1(config, flags) } : {}),
  };
}
