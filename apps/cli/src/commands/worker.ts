import { ExperimentTrialRunner, QueueWorker, parseQueueUrl, servePoolWorker } from "@mlp-lab/sweeps";
import type { Command } from "commander";
import { EXIT, UsageError } from "../cli-error.js";
import { integer } from "../parse-flags.js";
import { CLI_VERSION } from "../version.js";

interface WorkerFlags {
  queue?: string;
  concurrency: number;
  stallSeconds: number;
  workDir?: string;
  local?: boolean;
}

/** How a sweep's trial processes are started: this same CLI, in its hidden trial-process mode. */
export function trialProcessCommand() {
  return { script: process.argv[1]!, args: ["worker", "--local"] };
}

/** Register `mlp worker`. */
export function registerWorker(program: Command): void {
  program
    .command("worker")
    .description(
      "train sweep trials taken from a BullMQ queue on Redis (run one per machine, as many as you like)",
    )
    .option("--queue <url>", "Redis URL: redis://[user:password@]host:port[/db], or rediss:// for TLS")
    .option(
      "--concurrency <n>",
      "trials trained at once (one process each, cores split between them)",
      integer("--concurrency", 1),
      1,
    )
    .option(
      "--stall-seconds <n>",
      "a trial whose worker stops answering for this long goes to another worker",
      integer("--stall-seconds", 2),
      30,
    )
    .option("--work-dir <dir>", "scratch folder for runs in progress (default: the system temp folder)")
    .option("--local", "(internal) serve trials to a parent process over IPC")
    .addHelpText(
      "after",
      `
The worker needs no shared file system with the sweep's controller: metrics go back through Redis as
they are made, the run's files when the trial ends, and every epoch's checkpoint is kept in Redis so
another worker can resume a trial whose worker died. Ctrl-C finishes the trials in hand, then exits.

Examples:
  $ redis-server --bind 127.0.0.1 --port 6379
  $ mlp worker --queue redis://127.0.0.1:6379 --concurrency 2
  $ mlp worker --queue rediss://:secret@redis.example.org:6380`,
    )
    .action(async (flags: WorkerFlags) => {
      if (flags.local) {
        await servePoolWorker(new ExperimentTrialRunner({ packages: { "@mlp-lab/cli": CLI_VERSION } }));
        return;
      }
      if (!flags.queue)
        throw new UsageError("--queue: give the Redis URL, e.g. --queue redis://127.0.0.1:6379");
      const { redacted } = parseQueueUrl(flags.queue);
      const worker = new QueueWorker({
        url: flags.queue,
        concurrency: flags.concurrency,
        command: trialProcessCommand(),
        stallSeconds: flags.stallSeconds,
        ...(flags.workDir ? { workDir: flags.workDir } : {}),
        log: (line) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`),
      });
      await worker.start();
      process.stderr.write(
        `Worker ${worker.name} waiting for trials on ${redacted} (concurrency ${flags.concurrency})\n`,
      );
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write("Stopping: finishing the trials in hand (Ctrl-C again to quit now)...\n");
          process.once("SIGINT", () => process.exit(EXIT.interrupted));
          resolve();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      await worker.close();
    });
}
