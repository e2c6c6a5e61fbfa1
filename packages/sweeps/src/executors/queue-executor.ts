import { rmSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { runDir, writeFileAtomic } from "@mlp-lab/runs";
import type { Job, Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { DispatchHooks, TrialExecutor } from "../executor.js";
import type { TrialJobData, TrialJobProgress, TrialJobResult } from "../queue/job-data.js";
import { loadBullmq } from "../queue/load-bullmq.js";
import {
  DEFAULT_QUEUE_NAME,
  parseQueueUrl,
  redisConnection,
  throttledLog,
} from "../queue/redis-connection.js";
import { downloadSnapshot, snapshotKey, writeSnapshotFiles } from "../queue/snapshot.js";
import type { ExecutorInfo } from "../sweep-record.js";
import type { TrialOutcome, TrialRequest } from "../trial-runner.js";

/** Options of {@link QueueExecutor}. */
export interface QueueExecutorOptions {
  url: string;
  /** The controller's run store: trials' runs are mirrored there as they train. */
  runsDir: string;
  /** Trials kept in the queue at once (enough to keep every worker busy); default 4. */
  slots?: number;
  queueName?: string;
  /** How often the controller checks each job's state besides the queue events (ms); default 1000. */
  pollMs?: number;
  /** Times a job is retried after it failed with an error (not a NaN: that is a result); default 2. */
  attempts?: number;
  log?(line: string): void;
  /** Called when a segment's files are stored: where its time went (epoch milliseconds). */
  onTiming?(timing: QueueTiming): void;
}

/** Timestamps of one segment through the queue (ms since the epoch). */
export interface QueueTiming {
  key: string;
  /** The controller added the job. */
  enqueuedAt: number;
  /** A worker took it (BullMQ `processedOn`). */
  startedAt: number;
  /** The worker finished it (BullMQ `finishedOn`). */
  finishedAt: number;
  /** Its run's files were read from Redis (the queue's part ends here; the rest is the disk's). */
  receivedAt: number;
  /** Its run's files were written into the controller's store (atomic, fsynced writes). */
  storedAt: number;
  /** Bytes of the run's files. */
  bytes: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The distributed executor: every trial segment is a BullMQ job (id stable per segment, so a resumed
 * controller finds its jobs instead of adding new ones). Progress events carry run.json and
 * metrics.jsonl, mirrored into the controller's run store as they arrive (`mlp serve` shows them live);
 * when a job completes, the run's files (checkpoints, artifacts) are copied from its Redis snapshot.
 * Jobs are also polled, so a missed event (Redis restarted) never leaves the controller waiting; a job
 * that vanished with a Redis that lost its data is added again.
 */
export class QueueExecutor implements TrialExecutor {
  readonly slots: number;
  readonly info: ExecutorInfo;
  readonly #options: QueueExecutorOptions;
  #queue: Queue<TrialJobData, TrialJobResult> | undefined;
  #events: QueueEvents | undefined;
  #redis: Redis | undefined;
  readonly #connections: Redis[] = [];
  #stopping = false;
  readonly #waiters = new Map<string, () => void>();
  readonly #progress = new Map<string, (p: TrialJobProgress) => void>();

  constructor(options: QueueExecutorOptions) {
    const { redacted } = parseQueueUrl(options.url);
    this.#options = options;
    this.slots = Math.max(1, options.slots ?? 4);
    this.info = { kind: "queue", parallel: this.slots, queue: redacted };
  }

  async start(): Promise<void> {
    // First: without bullmq installed, fail before any connection exists.
    const { Queue, QueueEvents } = await loadBullmq();
    this.#stopping = false;
    const name = this.#options.queueName ?? DEFAULT_QUEUE_NAME;
    const say = throttledLog((line) => this.#options.log?.(line));
    const log = (e: Error) => say(`redis: ${e.message}`);
    const connect = () => {
      const c = redisConnection(this.#options.url, {}, log);
      this.#connections.push(c);
      return c;
    };
    this.#redis = connect();
    this.#queue = new Queue<TrialJobData, TrialJobResult>(name, { connection: connect() });
    this.#events = new QueueEvents(name, { connection: connect() });
    const wake = ({ jobId }: { jobId: string }) => this.#waiters.get(jobId)?.();
    this.#events.on("completed", wake);
    this.#events.on("failed", wake);
    this.#events.on("progress", ({ jobId, data }) => this.#progress.get(jobId)?.(data as TrialJobProgress));
    this.#queue.on("error", log);
    this.#events.on("error", log);
    await Promise.all([this.#queue.waitUntilReady(), this.#events.waitUntilReady()]);
  }

  #mirror(p: TrialJobProgress): void {
    // The run as the worker has it, in the controller's store; this process is its writer meanwhile, so
    // readers see it `running` while the controller lives.
    const folder = runDir(this.#options.runsDir, p.runId);
    const record = JSON.parse(p.runJson) as Record<string, unknown>;
    record.writer = { pid: process.pid, hostname: hostname() };
    record.status = "running";
    record.endedAt = null;
    writeSnapshotFiles(folder, new Map(), true);
    writeFileAtomic(join(folder, "metrics.jsonl"), p.metricsText);
    writeFileAtomic(join(folder, "run.json"), `${JSON.stringify(record, null, 2)}\n`);
  }

  async #addJob(request: TrialRequest, key: string): Promise<void> {
    await this.#queue!.add(
      "trial",
      { request },
      {
        jobId: key,
        attempts: this.#options.attempts ?? 2,
        backoff: { type: "fixed", delay: 1000 },
        removeOnComplete: false,
        removeOnFail: false,
      },
    );
  }

  async dispatch(request: TrialRequest, key: string, hooks: DispatchHooks): Promise<TrialOutcome> {
    const queue = this.#queue!;
    let seenRun: string | null = request.runId;
    let seenWorker: string | null = null;
    let lastEpoch = -1;
    this.#progress.set(key, (p) => {
      try {
        this.#mirror(p);
      } catch (error) {
        this.#options.log?.(`mirror of ${p.runId}: ${(error as Error).message}`);
      }
      // A new run, or the same run taken over by another worker (the first one was killed).
      if (seenRun !== null && p.runId !== seenRun) {
        // The first worker died before storing any epoch of its run, so the next one started a new
        // run: the old one's mirror has nothing to continue from.
        rmSync(runDir(this.#options.runsDir, seenRun), { recursive: true, force: true });
      }
      if (p.runId !== seenRun || p.worker !== seenWorker) {
        seenRun = p.runId;
        seenWorker = p.worker;
        hooks.onRunStarted?.(p.runId, p.worker);
      }
      if (p.kind === "started") lastEpoch = p.fromEpoch - 1;
      if (p.kind === "epoch" && p.metrics && p.metrics.epoch > lastEpoch) {
        lastEpoch = p.metrics.epoch;
        hooks.onEpoch?.(p.metrics);
      }
    });
    try {
      // A job with this id already there (a resumed controller) is kept, not added twice.
      const enqueuedAt = Date.now();
      await this.#addJob(request, key);
      for (;;) {
        if (this.#stopping)
          return {
            runId: request.runId,
            status: "interrupted",
            epochs: [],
            stoppedEarly: false,
            error: null,
          };
        let job: Job<TrialJobData, TrialJobResult> | undefined;
        try {
          job = await queue.getJob(key);
        } catch (error) {
          this.#options.log?.(`redis: ${(error as Error).message}`);
        }
        if (job === undefined && !this.#stopping) {
          // Redis lost the job (restarted without persistence): queue it again; the worker resumes from
          // the trial's snapshot if Redis kept it, else starts the trial over.
          await this.#addJob(request, key).catch(() => undefined);
        } else if (job) {
          const state = await job.getState().catch(() => "unknown");
          if (state === "completed" && job.returnvalue)
            return await this.#finish(request, key, job, enqueuedAt);
          if (state === "failed") {
            const outcome: TrialOutcome = {
              runId: seenRun ?? request.runId,
              status: "failed",
              epochs: [],
              stoppedEarly: false,
              error: job.failedReason || "job failed",
            };
            await job.remove().catch(() => undefined);
            return outcome;
          }
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.pollMs ?? 1000);
          this.#waiters.set(key, () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
    } finally {
      this.#waiters.delete(key);
      this.#progress.delete(key);
    }
  }

  async #finish(
    request: TrialRequest,
    key: string,
    job: Job<TrialJobData, TrialJobResult>,
    enqueuedAt: number,
  ): Promise<TrialOutcome> {
    const { outcome, bytes } = job.returnvalue;
    const snapshot = await downloadSnapshot(this.#redis!, snapshotKey(request.sweepId, request.trialNumber));
    const receivedAt = Date.now();
    if (snapshot && outcome.runId && snapshot.meta.runId === outcome.runId) {
      writeSnapshotFiles(runDir(this.#options.runsDir, outcome.runId), snapshot.files, true);
    }
    this.#options.onTiming?.({
      key,
      enqueuedAt,
      startedAt: job.processedOn ?? Number.NaN,
      finishedAt: job.finishedOn ?? Number.NaN,
      receivedAt,
      storedAt: Date.now(),
      bytes,
    });
    await job.remove().catch(() => undefined);
    return outcome;
  }

  /** The trial is over: drop its snapshot from Redis. */
  async trialEnded(request: Pick<TrialRequest, "sweepId" | "trialNumber">): Promise<void> {
    await this.#redis?.del(snapshotKey(request.sweepId, request.trialNumber));
  }

  interrupt(): void {
    this.#stopping = true;
    for (const wake of this.#waiters.values()) wake();
  }

  async close(): Promise<void> {
    await this.#events?.close();
    await this.#queue?.close();
    for (const c of this.#connections.splice(0)) c.disconnect();
  }
}
