import { type ChildProcess, fork } from "node:child_process";

/** One job for a worker process: the arguments of an `mlp` command. */
export interface WorkerJob {
  /** Label for messages. */
  label: string;
  /** Arguments after `mlp`. */
  args: string[];
  /** Written to the worker's standard input (an experiment config for `mlp train --config -`). */
  input?: string;
}

/** How a worker ended. */
export interface WorkerOutcome {
  job: WorkerJob;
  /** Exit code (null when killed by a signal). */
  code: number | null;
  /** Everything it printed on stdout. */
  stdout: string;
  /** Everything it printed on stderr. */
  stderr: string;
  /** Wall time in seconds. */
  seconds: number;
}

/**
 * Run `mlp` jobs in child processes of this same bundled CLI (`fork` of `process.argv[1]`), at most
 * `parallel` at a time. Each child has its own tfjs engine and memory. Workers get their own process
 * group, so a terminal's Ctrl-C reaches only this process, which forwards one SIGINT to each: they stop
 * at the next batch and mark their runs interrupted.
 */
export async function runWorkers(
  jobs: readonly WorkerJob[],
  parallel: number,
  onDone: (outcome: WorkerOutcome, index: number) => void,
): Promise<{ outcomes: WorkerOutcome[]; interrupted: boolean }> {
  const script = process.argv[1]!;
  const outcomes: WorkerOutcome[] = new Array(jobs.length);
  const live = new Set<ChildProcess>();
  let next = 0;
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
    for (const child of live) child.kill("SIGINT");
  };
  process.on("SIGINT", onSigint);
  const worker = async (): Promise<void> => {
    while (next < jobs.length && !interrupted) {
      const index = next++;
      const job = jobs[index]!;
      const started = performance.now();
      const child = fork(script, job.args, {
        stdio: [job.input === undefined ? "ignore" : "pipe", "pipe", "pipe", "ipc"],
        detached: true,
        env: { ...process.env, CI: "1" },
      });
      live.add(child);
      if (job.input !== undefined) child.stdin!.end(job.input);
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (chunk: Buffer) => {
        stdout += chunk.toString("utf8");
      });
      child.stderr!.on("data", (chunk: Buffer) => {
        stderr += chunk.toString("utf8");
      });
      const code = await new Promise<number | null>((resolve) => {
        child.on("error", (error) => {
          stderr += `${error.message}\n`;
          resolve(1);
        });
        child.on("close", (c) => resolve(c));
      });
      live.delete(child);
      const outcome = { job, code, stdout, stderr, seconds: (performance.now() - started) / 1000 };
      outcomes[index] = outcome;
      onDone(outcome, index);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(parallel, jobs.length)) }, worker));
  } finally {
    process.removeListener("SIGINT", onSigint);
  }
  return { outcomes: outcomes.filter(Boolean), interrupted };
}
