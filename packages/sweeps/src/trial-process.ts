import { type ChildProcess, fork } from "node:child_process";
import { availableParallelism } from "node:os";
import { SweepError } from "./errors.js";
import type { FromTrialProcess, ToTrialProcess } from "./process-protocol.js";
import type { EpochMetrics, TrialOutcome, TrialRequest } from "./trial-runner.js";

/** How to start a trial process: a script forked with these arguments (the CLI forks itself). */
export interface TrialProcessCommand {
  script: string;
  args: string[];
  /** Extra environment. */
  env?: Record<string, string>;
}

/** The trial process died (killed, out of memory) before it reported its outcome. */
export class TrialProcessCrashError extends SweepError {
  constructor(pid: number | undefined, code: number | null, signal: string | null) {
    super(
      "TRIAL_PROCESS_CRASHED",
      `trial process ${pid ?? "?"} exited (${signal ?? `code ${code}`}) during a trial`,
    );
  }
}

/** Native threads per process when `processes` share this machine: the cores split evenly, at least 1. */
export function threadsPerProcess(processes: number, cores = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / Math.max(1, processes)));
}

/** Hooks of {@link TrialProcess.run}. */
export interface TrialProcessHooks {
  onRunStarted?(runId: string): void;
  onEpoch?(metrics: EpochMetrics, snapshot: string | null): void;
}

/**
 * One child process that trains trial segments (see `servePoolWorker`), with its native thread count
 * set so that several of them do not fight over the cores.
 */
export class TrialProcess {
  #child: ChildProcess | undefined;
  #ready: Promise<void> | undefined;
  readonly #command: TrialProcessCommand;
  readonly #threads: number;
  #current: { resolve(o: TrialOutcome): void; reject(e: Error): void; hooks: TrialProcessHooks } | undefined;

  constructor(command: TrialProcessCommand, threads: number) {
    this.#command = command;
    this.#threads = threads;
  }

  /** The child's pid once started. */
  get pid(): number | undefined {
    return this.#child?.pid;
  }

  #start(): Promise<void> {
    if (this.#ready) return this.#ready;
    const child = fork(this.#command.script, this.#command.args, {
      stdio: ["ignore", "ignore", "pipe", "ipc"],
      env: {
        ...process.env,
        ...this.#command.env,
        MLP_NATIVE_THREADS: String(this.#threads),
        CI: "1",
      },
      serialization: "advanced",
    });
    this.#child = child;
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-4000);
    });
    this.#ready = new Promise<void>((resolve, reject) => {
      child.on("message", (message: FromTrialProcess) => {
        if (message.type === "ready") resolve();
        else if (message.type === "started") this.#current?.hooks.onRunStarted?.(message.runId);
        else if (message.type === "epoch") this.#current?.hooks.onEpoch?.(message.metrics, message.snapshot);
        else if (message.type === "done") {
          const current = this.#current;
          this.#current = undefined;
          current?.resolve(message.outcome);
        }
      });
      child.on("exit", (code, signal) => {
        this.#child = undefined;
        this.#ready = undefined;
        const error = new TrialProcessCrashError(child.pid, code, signal);
        if (stderr.trim()) error.message += `: ${stderr.trim().split("\n").slice(-3).join(" | ")}`;
        reject(error);
        const current = this.#current;
        this.#current = undefined;
        current?.reject(error);
      });
    });
    return this.#ready;
  }

  /** Train one segment in the child. Rejects with {@link TrialProcessCrashError} if the child dies. */
  async run(
    request: TrialRequest,
    runsDir: string,
    snapshotDir: string | null,
    hooks: TrialProcessHooks,
  ): Promise<TrialOutcome> {
    await this.#start();
    if (this.#current) throw new SweepError("TRIAL_PROCESS_BUSY", "trial process already runs a segment");
    return new Promise<TrialOutcome>((resolve, reject) => {
      this.#current = { resolve, reject, hooks };
      const message: ToTrialProcess = { type: "run", request, runsDir, snapshotDir };
      this.#child!.send(message);
    });
  }

  /** Ask the running segment to stop at its next batch (the run ends `interrupted`). */
  abort(): void {
    const message: ToTrialProcess = { type: "abort" };
    if (this.#current && this.#child?.connected) this.#child.send(message);
  }

  /** End the child (it aborts any segment it runs). */
  async stop(): Promise<void> {
    const child = this.#child;
    if (!child) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    if (child.connected) child.disconnect();
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }
}
