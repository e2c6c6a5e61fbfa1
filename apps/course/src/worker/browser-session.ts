import type { DatasetInfo, ImageSet } from "@mlp-lab/datasets/web";
import {
  type ExperimentConfig,
  type ExperimentEvent,
  type SessionStart,
  experimentSets,
  trainSession,
} from "@mlp-lab/experiments/browser";
import type { RunRecord } from "@mlp-lab/runs/schema";
import { decodeCheckpoint } from "@mlp-lab/training";
import type { Checkpoint, EpochRecord } from "@mlp-lab/training";
import { indexedDbRunSink } from "../store/indexeddb-run-sink.js";
import type { BrowserRunStore } from "../store/run-db.js";
import type { WorkerEvent } from "./events.js";

// One training session in the page: @mlp-lab/experiments' own session (the loop, the last/best checkpoint
// policy, the validation artifacts, the run's status: what `mlp train` runs) written into the page's
// IndexedDB run store, its events translated for the page.

/** This app, as run.json's `packages` records it. */
const APP = { "@mlp-lab/course-web": "0.1.0" };

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
  /** The experiment (an `ExperimentConfig`, e.g. from `parseExperimentConfig`); `epochs` is the run's total. */
  config: ExperimentConfig;
  name: string;
  tags: string[];
  data: SessionData;
  store: BrowserRunStore;
  /** The backend that runs it, for run.json. */
  backend: { name: string; device?: string };
  /** Continue this run from its last checkpoint instead of creating one. */
  resumeRunId?: string;
  signal?: AbortSignal;
  onEvent: (event: WorkerEvent) => void;
  /** Clock, injectable for tests. */
  now?: () => Date;
}

const CHECKPOINT_FILES = ["model.safetensors", "optimizer.safetensors", "trainer.json"] as const;

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

/** The page's event for a finished epoch. */
function epochEvent(record: EpochRecord): WorkerEvent {
  return {
    type: "epoch",
    epoch: record.epoch,
    train: { loss: record.train.loss, accuracy: record.train.accuracy },
    ...(record.val ? { val: { loss: record.val.loss, accuracy: record.val.accuracy } } : {}),
    lr: record.lr,
  };
}

/**
 * The page's events for a session's events: the course's lines, batches a few times a second with the
 * speed, epochs, checkpoints and the end.
 */
function translator(name: string, post: (event: WorkerEvent) => void, earlier: readonly EpochRecord[]) {
  let runId = "";
  let epochStart = performance.now();
  let best: number | null = null;
  return {
    runId: () => runId,
    best: () => best,
    listen(event: ExperimentEvent): void {
      switch (event.type) {
        case "run-started":
          runId = event.runId;
          post({
            type: "run-started",
            runId,
            name,
            parameters: event.parameters,
            startEpoch: event.startEpoch,
            epochs: event.epochs,
          });
          // A continued run's curves start at its first epoch, not at the reload.
          for (const record of earlier) post(epochEvent(record));
          return;
        case "log":
          post({ type: "line", text: event.line });
          return;
        case "epoch-begin":
          epochStart = performance.now();
          return;
        case "batch":
          // A few updates a second are enough for the page; posting every batch would flood it.
          if (event.step % 20 === 0 || event.step === event.steps - 1) {
            const seconds = (performance.now() - epochStart) / 1000;
            post({
              type: "batch",
              epoch: event.epoch,
              step: event.step,
              steps: event.steps,
              loss: event.loss,
              samplesPerSecond: event.samples / Math.max(seconds, 1e-6),
            });
          }
          return;
        case "epoch-end": {
          const { record } = event;
          if (record.val && (best === null || record.val.accuracy > best)) best = record.val.accuracy;
          post(epochEvent(record));
          return;
        }
        case "checkpoint-saved":
          if (event.kind !== "extra")
            post({ type: "checkpoint", runId, epoch: event.epoch, best: event.kind === "best" });
          return;
        default:
          return;
      }
    },
  };
}

/**
 * Train (or continue) one run in the page with `@mlp-lab/experiments`' `trainSession`: the run lives in
 * `store` with the CLI's files, a checkpoint after every epoch, the validation artifacts of the best
 * weights, and ends `completed`, `interrupted` (signal) or `failed` (with the cause).
 */
export async function runBrowserSession(
  input: SessionInput,
): Promise<{ runId: string; status: RunRecord["status"] }> {
  const { config, data, store, onEvent } = input;
  const previous = input.resumeRunId ? await store.get(input.resumeRunId) : undefined;
  if (input.resumeRunId && !previous) throw new Error(`no run ${input.resumeRunId} in this browser`);
  const last = previous ? await readCheckpoint(store, previous.id, "last") : undefined;
  const best = previous ? await readCheckpoint(store, previous.id, "best") : undefined;
  const doneEpochs = last?.trainer?.epoch ?? 0;
  const epochs = config.epochs - doneEpochs;
  if (epochs <= 0)
    throw new Error(`run ${previous?.id} already has ${doneEpochs} of ${config.epochs} epochs`);
  const start: SessionStart = previous ? { kind: "run", last, best, doneEpochs } : { kind: "new" };

  const [trainSha, testSha] = await Promise.all([
    sha256(data.train.images, data.train.labels),
    sha256(data.test.images, data.test.labels),
  ]);
  const sets = experimentSets(config, {
    info: data.info,
    train: data.train,
    test: data.test,
    sources: {
      train: { source: data.source, sha256: trainSha },
      test: { source: data.source, sha256: testSha },
    },
  });
  if (sets.train.count !== data.train.count || sets.val.count !== data.test.count) {
    onEvent({
      type: "line",
      text: `using ${sets.train.count} training and ${sets.val.count} validation images of them`,
    });
  }
  const sink = indexedDbRunSink(
    store,
    previous ? { kind: "existing", record: previous } : { kind: "new", name: input.name, tags: input.tags },
    { app: APP, ...(input.now ? { now: input.now } : {}) },
  );
  const events = translator(previous?.name ?? input.name, onEvent, last?.trainer?.history?.epochs ?? []);
  const finished = (status: "completed" | "interrupted" | "failed", error?: string) => {
    const summary = sink.current()?.record.summary;
    onEvent({
      type: "finished",
      runId: events.runId(),
      status,
      bestValAccuracy: summary?.bestValAccuracy ?? events.best(),
      ...(error ? { error } : {}),
    });
    return { runId: events.runId(), status };
  };
  try {
    const result = await trainSession(
      config,
      sets,
      {
        backend: {
          name: input.backend.name,
          ...(input.backend.device ? { device: input.backend.device } : {}),
        },
      },
      start,
      epochs,
      sink,
      {
        ...(input.signal ? { signal: input.signal } : {}),
        onEvent: events.listen,
      },
    );
    return finished(result.status === "interrupted" ? "interrupted" : "completed");
  } catch (error) {
    // Before the run opened (bad data, a broken checkpoint) there is no run to mark: the worker reports it.
    if (!events.runId()) throw error;
    return finished("failed", (error as Error).message);
  }
}
