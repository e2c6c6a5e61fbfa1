import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { runDir } from "@mlp-lab/runs";
import type { Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { TrialProcess, type TrialProcessCommand, threadsPerProcess } from "../trial-process.js";
import type { TrialOutcome } from "../trial-runner.js";
import type { TrialJobData, TrialJobProgress, TrialJobResult } from "./job-data.js";
import { loadBullmq } from "./load-bullmq.js";
import { DEFAULT_QUEUE_NAME, redisConnection, throttledLog } from "./redis-connection.js";
import { downloadSnapshot, snapshotKey, uploadSnapshot, writeSnapshotFiles } from "./snapshot.js";

/** Options of {@link QueueWorker}. */
export interface QueueWorkerOptions {
  /** `redis://` or `rediss://` URL. */
  url: string;
  /** Trials trained at once (one child process each); default 1. */
  concurrency?: number;
  /** How to start a trial process. */
  command: TrialProcessCommand;
  /** Scratch folder for runs in progress; default the system temp folder. */
  workDir?: string;
  queueName?: string;
  /**
   * Seconds a job's lock lasts without renewal: a killed worker's trial goes to another worker after
   * about this long (BullMQ's stalled-job check runs at half this interval). Default 30.
   */
  stallSeconds?: number;
  /** Progress lines. */
  log?(line: string): void;
}

function readText(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/**
 * `mlp worker`: takes trial segments from the BullMQ queue and trains each in a child process (so the
 * worker's event loop stays free to renew its job locks). Runs are trained in a scratch folder: no
 * shared file system with the controller. At each epoch end the whole run folder (with its `last`
 * checkpoint) is stored in Redis and run.json + metrics.jsonl are sent as job progress; another worker
 * that takes over a stalled job (this one killed) rebuilds the run from that snapshot and resumes it.
 */
export class QueueWorker {
  readonly #options: QueueWorkerOptions;
  readonly #name = `${hostname()}:${process.pid}`;
  #worker: Worker<TrialJobData, TrialJobResult> | undefined;
  #redis: Redis | undefined;
  #workerConnection: Redis | undefined;
  readonly #idle: TrialProcess[] = [];
  readonly #all: TrialProcess[] = [];

  constructor(options: QueueWorkerOptions) {
    this.#options = options;
  }

  /** This worker's name in job results (`host:pid`). */
  get name(): string {
    return this.#name;
  }

  /** Connect and start taking jobs. */
  async start(): Promise<void> {
    // First: without bullmq installed, fail before any process or connection exists.
    const { Worker } = await loadBullmq();
    const concurrency = Math.max(1, this.#options.concurrency ?? 1);
    const threads = threadsPerProcess(concurrency);
    for (let i = 0; i < concurrency; i++) {
      const p = new TrialProcess(this.#options.command, threads);
      this.#all.push(p);
      this.#idle.push(p);
    }
    const say = throttledLog((line) => this.#options.log?.(line));
    const log = (e: Error) => say(`redis: ${e.message}`);
    this.#redis = redisConnection(this.#options.url, {}, log);
    this.#workerConnection = redisConnection(this.#options.url, {}, log);
    const stall = (this.#options.stallSeconds ?? 30) * 1000;
    this.#worker = new Worker<TrialJobData, TrialJobResult>(
      this.#options.queueName ?? DEFAULT_QUEUE_NAME,
      (job) => this.#process(job),
      {
        connection: this.#workerConnection,
        concurrency,
        lockDuration: stall,
        stalledInterval: Math.max(1000, Math.floor(stall / 2)),
        maxStalledCount: 3,
        autorun: true,
      },
    );
    this.#worker.on("error", (error) => log(error));
    await this.#worker.waitUntilReady();
  }

  async #process(job: Job<TrialJobData, TrialJobResult>): Promise<TrialJobResult> {
    const redis = this.#redis!;
    const { request } = job.data;
    const key = snapshotKey(request.sweepId, request.trialNumber);
    const attempt = job.attemptsStarted;
    const scratch = mkdtempSync(join(this.#options.workDir ?? tmpdir(), "mlp-trial-"));
    const runsDir = join(scratch, "runs");
    const snapshots = join(scratch, "snapshots");
    const proc = this.#idle.pop();
    if (!proc) throw new Error("no idle trial process (concurrency exceeded)");
    try {
      let runId = request.runId;
      let fromEpoch = 0;
      const stored = await downloadSnapshot(redis, key);
      if (stored) {
        runId = stored.meta.runId;
        fromEpoch = stored.meta.epochs;
        const folder = runDir(runsDir, runId);
        writeSnapshotFiles(folder, stored.files, false);
        // This worker holds the job's lock: whoever wrote "running" into the snapshot is gone.
        const record = JSON.parse(stored.files.get("run.json")!.toString("utf8")) as { status: string };
        record.status = "interrupted";
        writeSnapshotFiles(folder, new Map([["run.json", Buffer.from(JSON.stringify(record))]]), false);
      } else if (runId !== null) {
        throw new (await loadBullmq()).UnrecoverableError(
          `trial ${request.trialNumber}: run ${runId} has no snapshot in Redis to continue from`,
        );
      }
      this.#options.log?.(
        `trial ${request.trialNumber} of ${request.sweepId}: ${runId ? `resuming run ${runId} at epoch ${fromEpoch}` : "new run"} → ${request.targetEpochs} epochs (attempt ${attempt})`,
      );
      let chain: Promise<unknown> = Promise.resolve();
      const progress = (p: Omit<TrialJobProgress, "worker" | "fromEpoch" | "attempt">) => {
        chain = chain
          .then(() => job.updateProgress({ ...p, worker: this.#name, fromEpoch, attempt }))
          .catch((error: Error) => this.#options.log?.(`progress not sent: ${error.message}`));
      };
      const outcome: TrialOutcome = await proc.run({ ...request, runId }, runsDir, snapshots, {
        onRunStarted: (id) => {
          runId = id;
          const folder = runDir(runsDir, id);
          progress({
            kind: "started",
            runId: id,
            runJson: readText(join(folder, "run.json")),
            metricsText: readText(join(folder, "metrics.jsonl")),
          });
        },
        onEpoch: (metrics, snapshot) => {
          if (!snapshot || !runId) return;
          const id = runId;
          chain = chain
            .then(() =>
              uploadSnapshot(redis, key, snapshot, { runId: id, epochs: metrics.epoch + 1, final: false }),
            )
            .then(() => {
              const runJson = readText(join(snapshot, "run.json"));
              const metricsText = readText(join(snapshot, "metrics.jsonl"));
              rmSync(snapshot, { recursive: true, force: true });
              return job.updateProgress({
                kind: "epoch",
                runId: id,
                worker: this.#name,
                metrics,
                runJson,
                metricsText,
                fromEpoch,
                attempt,
              } satisfies TrialJobProgress);
            })
            .catch((error: Error) =>
              this.#options.log?.(`epoch ${metrics.epoch} snapshot not stored: ${error.message}`),
            );
        },
      });
      await chain;
      let bytes = 0;
      if (runId !== null) {
        const epochs = outcome.epochs.length;
        bytes = await uploadSnapshot(redis, key, runDir(runsDir, runId), { runId, epochs, final: true });
      }
      this.#options.log?.(
        `trial ${request.trialNumber}: ${outcome.status} after ${outcome.epochs.length} epochs${outcome.error ? ` (${outcome.error})` : ""}`,
      );
      return { outcome, worker: this.#name, bytes };
    } finally {
      this.#idle.push(proc);
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  /** Finish the jobs in hand, then stop (Ctrl-C). */
  async close(): Promise<void> {
    await this.#worker?.close();
    await Promise.all(this.#all.map((p) => p.stop()));
    this.#redis?.disconnect();
    this.#workerConnection?.disconnect();
  }
}
