import { hostname } from "node:os";
import type { DispatchHooks, TrialExecutor } from "../executor.js";
import type { ExecutorInfo } from "../sweep-record.js";
import type { TrialOutcome, TrialRequest, TrialRunner } from "../trial-runner.js";

/**
 * Runs segments in this process, one at a time by default (`slots` more only for runners that do not
 * share a tensor engine, e.g. scripted test runners).
 */
export class InlineExecutor implements TrialExecutor {
  readonly slots: number;
  readonly info: ExecutorInfo = { kind: "inline" };
  readonly #runner: TrialRunner;
  readonly #runsDir: string;
  #controller = new AbortController();

  constructor(runner: TrialRunner, runsDir: string, slots = 1) {
    this.#runner = runner;
    this.#runsDir = runsDir;
    this.slots = slots;
  }

  async start(): Promise<void> {
    this.#controller = new AbortController();
  }

  dispatch(request: TrialRequest, _key: string, hooks: DispatchHooks): Promise<TrialOutcome> {
    const worker = `${hostname()}:${process.pid}`;
    return this.#runner.run(request, this.#runsDir, {
      signal: this.#controller.signal,
      onRunStarted: (runId) => hooks.onRunStarted?.(runId, worker),
      onEpoch: (m) => hooks.onEpoch?.(m),
    });
  }

  interrupt(): void {
    this.#controller.abort();
  }

  async close(): Promise<void> {}
}
