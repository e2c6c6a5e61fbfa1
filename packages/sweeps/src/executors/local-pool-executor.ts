import { availableParallelism, freemem } from "node:os";
import type { DispatchHooks, TrialExecutor } from "../executor.js";
import type { ExecutorInfo } from "../sweep-record.js";
import {
  TrialProcess,
  type TrialProcessCommand,
  TrialProcessCrashError,
  threadsPerProcess,
} from "../trial-process.js";
import type { TrialOutcome, TrialRequest } from "../trial-runner.js";

/** Memory one training process may need (MNIST in float32, tfjs, a model): used to cap the default. */
const BYTES_PER_PROCESS = 700 * 1024 * 1024;

/** The default `--parallel`: one process per core, fewer when memory is short. */
export function defaultParallel(): number {
  return Math.max(1, Math.min(availableParallelism(), Math.floor(freemem() / BYTES_PER_PROCESS)));
}

/** Options of {@link LocalPoolExecutor}. */
export interface LocalPoolOptions {
  /** Processes; default {@link defaultParallel}. */
  parallel?: number;
  /** How to start a trial process. */
  command: TrialProcessCommand;
  /** The shared run store the processes write into. */
  runsDir: string;
  /** Times a segment is restarted when its process crashes (it continues from the last checkpoint). */
  crashRetries?: number;
}

/**
 * The embedded executor: a pool of local worker processes, each training one segment at a time
 * straight into the run store, with the cores split between them (`MLP_NATIVE_THREADS`). A process that
 * dies mid-trial is replaced and the segment continues from the run's last checkpoint.
 */
export class LocalPoolExecutor implements TrialExecutor {
  readonly slots: number;
  readonly info: ExecutorInfo;
  readonly #processes: TrialProcess[];
  readonly #free: TrialProcess[];
  readonly #runsDir: string;
  readonly #retries: number;
  #interrupted = false;
  readonly #busy = new Set<TrialProcess>();

  constructor(options: LocalPoolOptions) {
    this.slots = Math.max(1, options.parallel ?? defaultParallel());
    this.info = { kind: "local", parallel: this.slots };
    const threads = threadsPerProcess(this.slots);
    this.#processes = Array.from({ length: this.slots }, () => new TrialProcess(options.command, threads));
    this.#free = [...this.#processes];
    this.#runsDir = options.runsDir;
    this.#retries = options.crashRetries ?? 2;
  }

  async start(): Promise<void> {
    this.#interrupted = false;
  }

  async dispatch(request: TrialRequest, _key: string, hooks: DispatchHooks): Promise<TrialOutcome> {
    const proc = this.#free.pop();
    if (!proc) throw new Error("LocalPoolExecutor: more segments dispatched than slots");
    this.#busy.add(proc);
    let runId = request.runId;
    try {
      for (let attempt = 0; ; attempt++) {
        try {
          return await proc.run({ ...request, runId }, this.#runsDir, null, {
            onRunStarted: (id) => {
              runId = id;
              hooks.onRunStarted?.(id, `local:${proc.pid ?? "?"}`);
            },
            onEpoch: (m) => hooks.onEpoch?.(m),
          });
        } catch (error) {
          if (!(error instanceof TrialProcessCrashError) || attempt >= this.#retries || this.#interrupted) {
            return {
              runId,
              status: this.#interrupted ? "interrupted" : "failed",
              epochs: [],
              stoppedEarly: false,
              error: (error as Error).message,
            };
          }
        }
      }
    } finally {
      this.#busy.delete(proc);
      this.#free.push(proc);
    }
  }

  interrupt(): void {
    this.#interrupted = true;
    for (const p of this.#busy) p.abort();
  }

  async close(): Promise<void> {
    await Promise.all(this.#processes.map((p) => p.stop()));
  }
}
