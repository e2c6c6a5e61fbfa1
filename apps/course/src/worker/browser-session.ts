import {
  BatchLoader,
  type BatchLoaderState,
  type DatasetInfo,
  type ImageSet,
  stratifiedSubset,
  subsetImageSet,
} from "@mlp-lab/datasets/web";
import { type ConfusionMatrix, argmaxRows, confusionMatrix, perClassMetrics } from "@mlp-lab/metrics";
import { type ModelConfig, type Module, createModel } from "@mlp-lab/models";
import { type MetricsEntry, RUN_SCHEMA_VERSION, type RunRecord, newRunId } from "@mlp-lab/runs/schema";
import {
  type Checkpoint,
  type EpochRecord,
  type OptimizerConfig,
  type TrainingHistory,
  createOptimizer,
  decodeCheckpoint,
  encodeCheckpoint,
  trainValModel,
} from "@mlp-lab/training";
import * as tf from "@tensorflow/tfjs-core";
import type { ExperimentDoc, ModelDoc, OptimizerDoc } from "../course/experiment-doc.js";
import type { BrowserRunStore } from "../store/run-db.js";
import type { WorkerEvent } from "./events.js";

// One training session in the page, with the CLI's run semantics: a run folder (run.json, metrics.jsonl,
// checkpoints/last and checkpoints/best, the validation artifacts), a checkpoint after every epoch, and a
// resume that continues exactly (weights, optimizer buffers, sampler state, history) from the last one.

/** The data a session trains on, already in memory. */
export interface SessionData {
  info: DatasetInfo;
  train: ImageSet;
  test: ImageSet;
  /** Where the files came from (URL), for run.json. */
  source: string;
}

/** Inputs of {@link runBrowserSession}. */
export interface SessionInput {
  config: ExperimentDoc;
  name: string;
  tags: string[];
  data: SessionData;
  store: BrowserRunStore;
  /** The backend that runs it, for run.json. */
  backend: { name: string; device?: string };
  /** Continue this run instead of creating one. */
  resumeRunId?: string;
  signal?: AbortSignal;
  onEvent: (event: WorkerEvent) => void;
  /** Clock, injectable for tests. */
  now?: () => Date;
}

const CHECKPOINT_FILES = ["model.safetensors", "optimizer.safetensors", "trainer.json"] as const;

/** The models package's config for the page's model document. */
export function modelConfigOf(model: ModelDoc, dIn: number, dOut: number): ModelConfig {
  return model.kind === "two-layer"
    ? { kind: "two-layer", dIn, dHidden: model.layers[0], dOut }
    : { kind: "mlp", layers: [dIn, ...model.layers, dOut], activation: model.activation };
}

/** The training package's optimizer config for the page's optimizer document. */
export function optimizerConfigOf(optimizer: OptimizerDoc): OptimizerConfig {
  return optimizer.name === "sgd"
    ? { kind: "sgd", options: { lr: optimizer.learningRate, momentum: optimizer.momentum } }
    : { kind: "adam", options: { lr: optimizer.learningRate } };
}

function range(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** The training and validation sets of an experiment: subset per class, limits, as `@mlp-lab/experiments` does. */
export function experimentSets(config: ExperimentDoc, data: SessionData): { train: ImageSet; val: ImageSet } {
  let train = data.train;
  let val = data.test;
  if (config.data.perClass !== undefined) {
    train = subsetImageSet(train, stratifiedSubset(train.labels, config.data.perClass, config.seed));
  }
  if (config.data.trainLimit !== undefined && config.data.trainLimit < train.count) {
    train = subsetImageSet(train, range(config.data.trainLimit));
  }
  if (config.data.valLimit !== undefined && config.data.valLimit < val.count) {
    val = subsetImageSet(val, range(config.data.valLimit));
  }
  return { train, val };
}

async function sha256(...parts: Uint8Array[]): Promise<string> {
  const joined = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    joined.set(p, offset);
    offset += p.length;
  }
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
  return Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join("");
}

const encoder = new TextEncoder();

function checkpointFiles(prefix: string, checkpoint: Checkpoint): Record<string, Uint8Array> {
  const bytes = encodeCheckpoint(checkpoint);
  const out: Record<string, Uint8Array> = { [`${prefix}/model.safetensors`]: bytes.model };
  if (bytes.optimizer) out[`${prefix}/optimizer.safetensors`] = bytes.optimizer;
  if (bytes.trainer) out[`${prefix}/trainer.json`] = bytes.trainer;
  return out;
}

async function readCheckpoint(
  store: BrowserRunStore,
  id: string,
  which: "last" | "best",
): Promise<Checkpoint | undefined> {
  const [model, optimizer, trainer] = await Promise.all(
    CHECKPOINT_FILES.map((f) => store.readFile(id, `checkpoints/${which}/${f}`)),
  );
  if (!model) return undefined;
  return decodeCheckpoint(
    { model, ...(optimizer ? { optimizer } : {}), ...(trainer ? { trainer } : {}) },
    `${id}/checkpoints/${which}`,
  );
}

/** Probabilities of `model` over a set (normalised as in training), in chunks, every tensor released. */
function evaluate(model: Module, set: ImageSet, normalize: { mean: number[]; std: number[] }) {
  const classes = set.classNames.length;
  const loader = new BatchLoader(set, { batchSize: 2000, normalize });
  const labels = new Int32Array(set.count);
  const probabilities = new Float32Array(set.count * classes);
  let offset = 0;
  let lossSum = 0;
  model.eval();
  for (const batch of loader) {
    const probs = tf.tidy(() => tf.exp(model.forward(tf.tensor2d(batch.x, [batch.size, loader.features]))));
    const values = probs.dataSync() as Float32Array;
    probs.dispose();
    probabilities.set(values, offset * classes);
    labels.set(batch.y, offset);
    for (let i = 0; i < batch.size; i++)
      lossSum -= Math.log(Math.max(values[i * classes + batch.y[i]!]!, 1e-30));
    offset += batch.size;
  }
  const predictions = argmaxRows(probabilities, classes);
  const confusion: ConfusionMatrix = confusionMatrix(labels, predictions, classes);
  return { labels, predictions, probabilities, confusion, loss: lossSum / Math.max(1, set.count) };
}

/** The validation artifacts the CLI writes (predictions, confusion matrix, per-class metrics, sample images). */
export function valArtifacts(
  model: Module,
  val: ImageSet,
  normalize: { mean: number[]; std: number[] },
): Record<string, Uint8Array> {
  const ev = evaluate(model, val, normalize);
  const classNames = [...val.classNames];
  const classes = classNames.length;
  const rows: number[][] = [];
  for (let i = 0; i < ev.labels.length; i++) {
    rows.push(
      Array.from(ev.probabilities.subarray(i * classes, (i + 1) * classes), (p) => Math.round(p * 1e4) / 1e4),
    );
  }
  const sampleRows: number[] = [];
  for (let i = 0; i < Math.min(12, val.count); i++) sampleRows.push(i);
  for (let i = sampleRows.length, wrong = 0; i < val.count && wrong < 24; i++) {
    if (ev.labels[i] !== ev.predictions[i]) {
      sampleRows.push(i);
      wrong++;
    }
  }
  const per = val.height * val.width * val.channels;
  const matrix: number[][] = [];
  for (let t = 0; t < classes; t++)
    matrix.push(Array.from(ev.confusion.counts.subarray(t * classes, (t + 1) * classes)));
  const json = (value: unknown) => encoder.encode(`${JSON.stringify(value)}\n`);
  return {
    "artifacts/sample-images.json": json({
      split: "val",
      source: "test",
      width: val.width,
      height: val.height,
      channels: val.channels,
      classNames,
      samples: sampleRows.map((i) => ({
        index: i,
        row: i,
        label: ev.labels[i]!,
        prediction: ev.predictions[i]!,
        probabilities: rows[i]!,
        pixels: Array.from(val.images.subarray(i * per, (i + 1) * per)),
      })),
    }),
    "artifacts/val-predictions.json": json({
      split: "val",
      source: "test",
      classNames,
      labels: Array.from(ev.labels),
      predictions: Array.from(ev.predictions),
      probabilities: rows,
      indices: Array.from(range(val.count)),
    }),
    "artifacts/confusion-matrix.json": json({ split: "val", classNames, matrix }),
    "artifacts/per-class-metrics.json": json({
      split: "val",
      classes: perClassMetrics(ev.confusion).map((m) => ({
        ...m,
        name: classNames[m.label] ?? String(m.label),
      })),
    }),
  };
}

function metricsLine(
  epoch: number,
  phase: "train" | "val",
  m: EpochRecord["train"],
  lr: number | null,
  time: Date,
): string {
  const entry: MetricsEntry = {
    epoch,
    phase,
    loss: Number.isFinite(m.loss) ? m.loss : null,
    accuracy: m.accuracy,
    lr,
    seconds: m.seconds,
    samples: m.samples,
    time: time.toISOString(),
  };
  return JSON.stringify(entry);
}

/**
 * Train (or continue) one run in the page: creates the run in `store`, trains with `@mlp-lab/training`'s
 * loop, writes `last` (and `best` when the validation accuracy improves) after every epoch in one
 * transaction with its metrics lines, then the validation artifacts of the best weights, and ends the
 * run `completed`, `interrupted` (signal) or `failed` (with the cause).
 */
export async function runBrowserSession(
  input: SessionInput,
): Promise<{ runId: string; status: RunRecord["status"] }> {
  const { config, data, store, onEvent } = input;
  const now = input.now ?? (() => new Date());
  const { train, val } = experimentSets(config, data);
  const normalize = {
    mean: [...(config.normalize?.mean ?? data.info.mean)],
    std: [...(config.normalize?.std ?? data.info.std)],
  };
  const trainLoader = new BatchLoader(train, {
    batchSize: config.batchSize,
    shuffle: true,
    seed: config.seed,
    normalize,
  });
  const valLoader = new BatchLoader(val, { batchSize: config.valBatchSize, normalize });

  const previous = input.resumeRunId ? await store.get(input.resumeRunId) : undefined;
  if (input.resumeRunId && !previous) throw new Error(`no run ${input.resumeRunId} in this browser`);
  const last = previous ? await readCheckpoint(store, previous.id, "last") : undefined;
  const best = previous ? await readCheckpoint(store, previous.id, "best") : undefined;
  const modelConfig =
    last?.trainer?.modelConfig ??
    modelConfigOf(config.model, trainLoader.features, data.info.classNames.length);
  const optimizerConfig = last?.trainer?.optimizerConfig ?? optimizerConfigOf(config.optimizer);
  const model = createModel(modelConfig, config.seed);
  const optimizer = createOptimizer(optimizerConfig, model.namedParameters());
  let history: TrainingHistory | undefined;
  if (last) {
    model.loadStateDict(last.model);
    if (last.optimizer) optimizer.loadStateDict(last.optimizer);
    if (last.trainer?.loaderState) trainLoader.loadStateDict(last.trainer.loaderState as BatchLoaderState);
    history = last.trainer?.history;
  }
  const doneEpochs = history?.epochs.length ?? 0;
  const epochs = config.epochs - doneEpochs;

  const trainSha = await sha256(data.train.images, data.train.labels);
  const testSha = await sha256(data.test.images, data.test.labels);
  const started = now();
  let record: RunRecord = previous
    ? {
        ...previous,
        status: "running",
        endedAt: null,
        error: null,
        resumes: [
          ...previous.resumes,
          { at: started.toISOString(), fromEpoch: doneEpochs > 0 ? doneEpochs - 1 : null },
        ],
      }
    : {
        schemaVersion: RUN_SCHEMA_VERSION,
        id: newRunId(input.name, started),
        name: input.name,
        createdAt: started.toISOString(),
        startedAt: started.toISOString(),
        endedAt: null,
        status: "running",
        error: null,
        config: { ...config, normalize },
        dataset: {
          name: config.dataset,
          source: data.source,
          sha256: trainSha,
          trainCount: train.count,
          valCount: val.count,
          splits: {
            train: { source: data.source, sha256: trainSha },
            test: { source: data.source, sha256: testSha },
          },
        },
        packages: { "@mlp-lab/course-web": "0.1.0", "@tensorflow/tfjs-core": tf.version_core },
        backend: {
          name: input.backend.name,
          ...(input.backend.device ? { device: input.backend.device } : {}),
        },
        host: {
          hostname: "browser",
          platform: "browser",
          arch: "wasm",
          ...(typeof navigator !== "undefined"
            ? { cpuModel: navigator.userAgent, cpuCount: navigator.hardwareConcurrency }
            : {}),
        },
        writer: { pid: 1, hostname: "browser" },
        summary: {
          bestValAccuracy: null,
          bestEpoch: null,
          lastEpoch: null,
          durationSeconds: 0,
          parameters: model.parameterCount(),
        },
        resumes: [],
        tags: input.tags,
      };
  const runId = record.id;
  const earlierSeconds = record.summary.durationSeconds;
  const write = async (
    patch: Partial<RunRecord>,
    extra: Omit<Parameters<BrowserRunStore["commit"]>[1], "record"> = {},
  ) => {
    record = { ...record, ...patch };
    record.summary = {
      ...record.summary,
      durationSeconds: earlierSeconds + (now().getTime() - started.getTime()) / 1000,
    };
    await store.commit(runId, { record, ...extra });
  };
  await write({});
  onEvent({
    type: "run-started",
    runId,
    name: record.name,
    parameters: model.parameterCount(),
    startEpoch: doneEpochs,
    epochs,
  });

  const checkpointOf = (epochRecord: EpochRecord, h: TrainingHistory): Checkpoint => ({
    model: model.stateDict(),
    optimizer: optimizer.stateDict(),
    trainer: {
      version: 1,
      epoch: epochRecord.epoch + 1,
      modelConfig,
      optimizerConfig,
      history: h,
      loaderState: trainLoader.stateDict(),
      config: { dataset: config.dataset, seed: config.seed, batchSize: config.batchSize, runId },
      savedAt: now().toISOString(),
    },
  });

  let epochStart = performance.now();
  try {
    if (epochs <= 0) throw new Error(`run ${runId} already has ${doneEpochs} of ${config.epochs} epochs`);
    const result = await trainValModel(model, {
      optimizer,
      train: trainLoader,
      val: valLoader,
      epochs,
      startEpoch: doneEpochs,
      lastEpoch: config.epochs - 1,
      logInterval: config.logInterval,
      log: (text) => onEvent({ type: "line", text }),
      ...(history ? { history } : {}),
      ...(best?.model ? { bestState: best.model } : {}),
      ...(input.signal ? { signal: input.signal } : {}),
      fused: false,
      callbacks: {
        onEpochBegin: () => {
          epochStart = performance.now();
        },
        onBatchEnd: ({ epoch, step, steps, loss, samples }) => {
          // A few updates a second are enough for the page; posting every batch would flood it.
          if (step % 20 === 0 || step === steps - 1) {
            const seconds = (performance.now() - epochStart) / 1000;
            onEvent({
              type: "batch",
              epoch,
              step,
              steps,
              loss,
              samplesPerSecond: samples / Math.max(seconds, 1e-6),
            });
          }
        },
        onEpochEnd: async (epochRecord, h) => {
          const time = now();
          const lines = [
            metricsLine(epochRecord.epoch, "train", epochRecord.train, epochRecord.lr ?? null, time),
          ];
          if (epochRecord.val) lines.push(metricsLine(epochRecord.epoch, "val", epochRecord.val, null, time));
          const isBest = h.bestEpoch === epochRecord.epoch;
          const checkpoint = checkpointOf(epochRecord, h);
          const files = {
            ...checkpointFiles("checkpoints/last", checkpoint),
            ...(isBest ? checkpointFiles("checkpoints/best", checkpoint) : {}),
          };
          const summary = {
            ...record.summary,
            lastEpoch: epochRecord.epoch,
            ...(h.bestEpoch >= 0 ? { bestValAccuracy: h.bestValAccuracy, bestEpoch: h.bestEpoch } : {}),
          };
          await write({ summary }, { files, appendMetrics: lines });
          onEvent({
            type: "epoch",
            epoch: epochRecord.epoch,
            train: { loss: epochRecord.train.loss, accuracy: epochRecord.train.accuracy },
            ...(epochRecord.val
              ? { val: { loss: epochRecord.val.loss, accuracy: epochRecord.val.accuracy } }
              : {}),
            lr: epochRecord.lr ?? optimizer.lr,
          });
          onEvent({ type: "checkpoint", runId, epoch: epochRecord.epoch, best: isBest });
          return undefined;
        },
      },
    });
    if (result.stoppedBy === "signal") {
      await write({ status: "interrupted", endedAt: now().toISOString() });
      onEvent({
        type: "finished",
        runId,
        status: "interrupted",
        bestValAccuracy: record.summary.bestValAccuracy,
      });
      return { runId, status: "interrupted" };
    }
    // trainValModel restored the best weights: the artifacts describe the model a user keeps.
    const artifacts = valArtifacts(model, val, normalize);
    await write({ status: "completed", endedAt: now().toISOString() }, { files: artifacts });
    onEvent({
      type: "finished",
      runId,
      status: "completed",
      bestValAccuracy: record.summary.bestValAccuracy,
    });
    return { runId, status: "completed" };
  } catch (error) {
    const message = (error as Error).message;
    await write({
      status: "failed",
      endedAt: now().toISOString(),
      error: { message, name: (error as Error).name },
    });
    onEvent({
      type: "finished",
      runId,
      status: "failed",
      bestValAccuracy: record.summary.bestValAccuracy,
      error: message,
    });
    return { runId, status: "failed" };
  } finally {
    model.dispose?.();
    optimizer.dispose?.();
  }
}
