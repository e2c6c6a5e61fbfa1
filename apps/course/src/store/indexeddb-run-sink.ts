import type { EpochCommit, OpenRunSink, RunSink, SavedCheckpoint } from "@mlp-lab/experiments/browser";
import {
  type JsonValue,
  type MetricsEntry,
  RUN_SCHEMA_VERSION,
  type RunRecord,
  foldMetrics,
  newRunId,
  parseMetricsText,
  summarizeMetrics,
  validateFileName,
} from "@mlp-lab/runs/schema";
import { type Checkpoint, encodeCheckpoint } from "@mlp-lab/training";
import type { BrowserRunStore } from "./run-db.js";

// The page's run store (IndexedDB, run-db.ts) as the RunSink of @mlp-lab/experiments' training session:
// the same run.json, metrics.jsonl, checkpoint and artifact files as the run store folder, each epoch's
// metrics lines and checkpoints landing in ONE transaction (a reload never leaves half an epoch).

/** Which run a page session writes: a new one, or one of this browser's runs continued. */
export type BrowserRunTarget =
  | { kind: "new"; name: string; tags: string[] }
  | { kind: "existing"; record: RunRecord };

/** Options of {@link indexedDbRunSink}. */
export interface IndexedDbRunSinkOptions {
  /** This app's name and version, added to run.json's `packages`. */
  app: Record<string, string>;
  /** Clock, injectable for tests. */
  now?: () => Date;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function finiteOrNull(value: number | null): number | null {
  return value === null || !Number.isFinite(value) ? null : value;
}

function checkpointFiles(kind: "last" | "best", checkpoint: Checkpoint): Record<string, Uint8Array> {
  const bytes = encodeCheckpoint(checkpoint);
  const prefix = `checkpoints/${kind}`;
  const out: Record<string, Uint8Array> = { [`${prefix}/model.safetensors`]: bytes.model };
  if (bytes.optimizer) out[`${prefix}/optimizer.safetensors`] = bytes.optimizer;
  if (bytes.trainer) out[`${prefix}/trainer.json`] = bytes.trainer;
  return out;
}

function errorInfo(error: unknown): RunRecord["error"] {
  if (!(error instanceof Error)) return { message: String(error) };
  const code = (error as { code?: unknown }).code;
  return { message: error.message, name: error.name, ...(typeof code === "string" ? { code } : {}) };
}

/** The host of a browser run, as run.json records it. */
function browserHost(): RunRecord["host"] {
  return {
    hostname: "browser",
    platform: "browser",
    arch: "wasm",
    ...(typeof navigator !== "undefined"
      ? { cpuModel: navigator.userAgent, cpuCount: navigator.hardwareConcurrency }
      : {}),
  };
}

class IndexedDbRunSink implements RunSink {
  readonly #store: BrowserRunStore;
  readonly #now: () => Date;
  readonly #started: Date;
  readonly #earlierSeconds: number;
  #record: RunRecord;

  constructor(store: BrowserRunStore, record: RunRecord, now: () => Date) {
    this.#store = store;
    this.#record = record;
    this.#now = now;
    this.#started = now();
    this.#earlierSeconds = record.summary.durationSeconds;
  }

  get id(): string {
    return this.#record.id;
  }

  get location(): string {
    return `indexeddb:${this.#record.id}`;
  }

  /** The record as last written. */
  get record(): RunRecord {
    return this.#record;
  }

  async commitEpoch(commit: EpochCommit): Promise<SavedCheckpoint[]> {
    const time = this.#now().toISOString();
    const entries: MetricsEntry[] = commit.lines.map((line) => ({
      ...line,
      loss: finiteOrNull(line.loss),
      accuracy: finiteOrNull(line.accuracy),
      lr: finiteOrNull(line.lr),
      time,
    }));
    // The run store's own ranking (the same fold as the Node run store), not the loop's.
    let summary = this.#record.summary;
    let newBest = false;
    for (const entry of entries) {
      const after = foldMetrics(summary, entry);
      if (after.bestEpoch !== summary.bestEpoch || after.bestValAccuracy !== summary.bestValAccuracy)
        newBest = true;
      summary = { ...summary, ...after };
    }
    if (entries.every((e) => e.phase !== "val")) newBest = commit.bestInHistory;
    const files = {
      ...checkpointFiles("last", commit.checkpoint),
      ...(newBest ? checkpointFiles("best", commit.checkpoint) : {}),
    };
    await this.#write({ summary }, { files, appendMetrics: entries.map((e) => JSON.stringify(e)) });
    const saved: SavedCheckpoint[] = [{ kind: "last", path: `${this.location}/checkpoints/last` }];
    if (newBest) saved.push({ kind: "best", path: `${this.location}/checkpoints/best` });
    return saved;
  }

  async writeArtifacts(artifacts: Readonly<Record<string, JsonValue>>): Promise<void> {
    const files: Record<string, Uint8Array> = {};
    for (const [name, value] of Object.entries(artifacts)) {
      validateFileName(name);
      // The run store's format: indented JSON and a final newline.
      files[`artifacts/${name}`] = encoder.encode(`${JSON.stringify(value, null, 2)}\n`);
    }
    await this.#write({}, { files });
  }

  async complete(summary: { parameters: number }): Promise<void> {
    await this.#end("completed", { summary: { ...this.#record.summary, ...summary } });
  }

  async interrupt(): Promise<void> {
    await this.#end("interrupted", {});
  }

  async fail(error: unknown): Promise<void> {
    if (this.#record.status === "running") await this.#end("failed", { error: errorInfo(error) });
  }

  async close(): Promise<void> {
    // The store's connection belongs to the caller.
  }

  async #end(status: RunRecord["status"], patch: Partial<RunRecord>): Promise<void> {
    await this.#write({ ...patch, status, endedAt: this.#now().toISOString() });
  }

  async #write(
    patch: Partial<RunRecord>,
    extra: { files?: Record<string, Uint8Array>; appendMetrics?: string[]; replaceMetrics?: string } = {},
  ): Promise<void> {
    const running = this.#record.status === "running";
    const next: RunRecord = { ...this.#record, ...patch };
    if (running) {
      const elapsed = (this.#now().getTime() - this.#started.getTime()) / 1000;
      next.summary = { ...next.summary, durationSeconds: this.#earlierSeconds + elapsed };
    }
    const files = { ...extra.files };
    if (extra.replaceMetrics !== undefined) files["metrics.jsonl"] = encoder.encode(extra.replaceMetrics);
    await this.#store.commit(next.id, {
      record: next,
      files,
      ...(extra.appendMetrics ? { appendMetrics: extra.appendMetrics } : {}),
    });
    this.#record = next;
  }

  /** Write the opening record (and, for a continued run, metrics.jsonl cut back to its checkpoint). */
  async open(replaceMetrics?: string): Promise<void> {
    await this.#write({}, replaceMetrics === undefined ? {} : { replaceMetrics });
  }
}

/**
 * The page's run store as the sink of a training session: creates the run (or reopens an earlier one,
 * dropping metrics lines after the checkpoint it continues from, as the run store's `resumeRun` does).
 */
export function indexedDbRunSink(
  store: BrowserRunStore,
  target: BrowserRunTarget,
  options: IndexedDbRunSinkOptions,
): OpenRunSink & { current(): IndexedDbRunSink | undefined } {
  const now = options.now ?? (() => new Date());
  let opened: IndexedDbRunSink | undefined;
  const open: OpenRunSink = async (init) => {
    const at = now().toISOString();
    if (target.kind === "existing") {
      const old = target.record;
      const fromEpoch = init.resumeFromEpoch ?? null;
      const text = decoder.decode((await store.readFile(old.id, "metrics.jsonl")) ?? new Uint8Array());
      const all = parseMetricsText(text).entries;
      const kept = fromEpoch === null ? all : all.filter((e) => e.epoch <= fromEpoch);
      const record: RunRecord = {
        ...old,
        status: "running",
        endedAt: null,
        error: null,
        config: init.config,
        backend: init.backend,
        dataset: init.dataset,
        host: browserHost(),
        summary: { ...old.summary, ...summarizeMetrics(kept) },
        resumes: [...old.resumes, { at, fromEpoch }],
      };
      opened = new IndexedDbRunSink(store, record, now);
      await opened.open(kept.map((e) => `${JSON.stringify(e)}\n`).join(""));
      return opened;
    }
    const record: RunRecord = {
      schemaVersion: RUN_SCHEMA_VERSION,
      id: newRunId(target.name, now()),
      name: target.name,
      createdAt: at,
      startedAt: at,
      endedAt: null,
      status: "running",
      error: null,
      config: init.config,
      dataset: init.dataset,
      packages: { ...init.packages, ...options.app },
      backend: init.backend,
      host: browserHost(),
      writer: { pid: 1, hostname: "browser" },
      summary: {
        bestValAccuracy: null,
        bestEpoch: null,
        lastEpoch: null,
        durationSeconds: 0,
        parameters: init.parameters,
      },
      resumes: [],
      tags: target.tags,
    };
    opened = new IndexedDbRunSink(store, record, now);
    await opened.open("");
    return opened;
  };
  return Object.assign(open, { current: () => opened });
}
