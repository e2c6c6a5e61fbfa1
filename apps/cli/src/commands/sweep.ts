import {
  LocalPoolExecutor,
  QueueExecutor,
  type SweepEvent,
  type SweepRecord,
  type TrialExecutor,
  createSweep,
  defaultParallel,
  experimentConfigResolver,
  readSweepRecord,
  readSweepSpec,
  resolveSweepId,
  runSweep,
  specOf,
} from "@mlp-lab/sweeps";
import { formatParam, writeSweepFigures } from "@mlp-lab/sweeps/figures";
import type { Command } from "commander";
import { EXIT, UsageError } from "../cli-error.js";
import { Output } from "../output.js";
import { integer, runsDirOption } from "../parse-flags.js";
import { bestLine, formatMetric, sweepTable } from "./sweeps.js";
import { trialProcessCommand } from "./worker.js";

interface SweepFlags {
  parallel?: number;
  queue?: string;
  runsDir: string;
  name?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
}

function executorOf(flags: SweepFlags, out: Output): TrialExecutor {
  if (flags.queue)
    return new QueueExecutor({
      url: flags.queue,
      runsDir: flags.runsDir,
      ...(flags.parallel ? { slots: flags.parallel } : {}),
      log: (line) => out.note(line),
    });
  return new LocalPoolExecutor({
    parallel: flags.parallel ?? defaultParallel(),
    command: trialProcessCommand(),
    runsDir: flags.runsDir,
  });
}

function describeParams(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${formatParam(v)}`)
    .join(" ");
}

function progressPrinter(out: Output, record: SweepRecord): (e: SweepEvent) => void {
  const spec = specOf(record);
  return (e) => {
    const t = e.trial;
    const head = `[trial ${t.number}]`;
    if (e.type === "trial-dispatched")
      out.note(
        `${head} ${t.epochs === 0 ? "start" : `continue from epoch ${t.epochs}`} → ${e.targetEpochs} epochs: ${describeParams(t.params)}`,
      );
    else if (e.type === "trial-started") out.note(`${head} run ${e.runId} on ${e.worker}`);
    else if (e.type === "trial-epoch") {
      const v = spec.metric.name === "val_accuracy" ? e.metrics.valAccuracy : e.metrics.valLoss;
      out.note(`${head} epoch ${e.metrics.epoch}: ${spec.metric.name} ${formatMetric(spec, v)}`);
    } else if (e.type === "trial-promoted") out.note(`${head} promoted at rung ${e.rung}`);
    else if (e.type === "trial-ended") {
      const what =
        t.state === "failed"
          ? `failed: ${t.error}`
          : t.state === "pruned"
            ? `stopped by ASHA after ${t.epochs} epochs, ${spec.metric.name} ${formatMetric(spec, t.value)}`
            : `${t.state} after ${t.epochs} epochs, ${spec.metric.name} ${formatMetric(spec, t.value)}`;
      out.note(`${head} ${what}`);
    }
  };
}

async function drive(id: string, flags: SweepFlags, out: Output): Promise<void> {
  const executor = executorOf(flags, out);
  const initial = readSweepRecord(flags.runsDir, id);
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(EXIT.interrupted);
    out.note("\nStopping the sweep (trials stop at their next batch; Ctrl-C again to quit now)...");
    abort.abort();
  };
  process.on("SIGINT", onSigint);
  process.on("SIGTERM", onSigint);
  let record: SweepRecord;
  try {
    out.note(
      `Sweep ${id}: ${specOf(initial).method}, ${executor.info.kind === "queue" ? `queue ${executor.info.queue}, ${executor.slots} trials in flight` : `${executor.slots} local worker process${executor.slots === 1 ? "" : "es"}`}`,
    );
    record = await runSweep(id, {
      runsDir: flags.runsDir,
      executor,
      signal: abort.signal,
      onEvent: progressPrinter(out, initial),
      ...(flags.force ? { force: true } : {}),
    });
  } finally {
    process.removeListener("SIGINT", onSigint);
    process.removeListener("SIGTERM", onSigint);
  }
  out.result(record);
  if (!out.json) {
    process.stdout.write(`${sweepTable(record)}\n`);
    out.line(bestLine(record));
    out.line(`Epochs trained: ${record.trials.reduce((a, t) => a + t.epochs, 0)}`);
  }
  for (const path of await writeSweepFigures(flags.runsDir, record)) out.note(`Figure: ${path}`);
  if (record.status === "interrupted") {
    out.note(`Interrupted: continue with mlp sweep resume ${record.id}`);
    process.exitCode = EXIT.interrupted;
  } else if (record.trials.length > 0 && record.trials.every((t) => t.state === "failed"))
    process.exitCode = EXIT.failure;
}

/** Register `mlp sweep <spec>` and `mlp sweep resume <id>`. */
export function registerSweep(program: Command): void {
  program
    .command("sweep")
    .description(
      "search hyperparameters: run the trials of a sweep spec (grid, random or TPE; ASHA early stopping)",
    )
    .argument("<spec>", "sweep spec file (YAML or JSON), or `resume`")
    .argument("[id]", "with `resume`: the sweep to continue (id, unique prefix, or latest)")
    .option(
      "--parallel <n>",
      "trials at once: local worker processes (default: what the cores and memory fit), or with --queue the jobs kept queued (default 4)",
      integer("--parallel", 1),
    )
    .option(
      "--queue <url>",
      "run trials on `mlp worker`s through BullMQ on Redis: redis://host:port or rediss://",
    )
    .addOption(runsDirOption())
    .option("--name <name>", "sweep name (default: the spec's name)")
    .option("--force", "with resume: take over a sweep whose controller still looks alive")
    .option("--json", "print the sweep record as JSON at the end")
    .option("-q, --quiet", "print only the result table")
    .addHelpText(
      "after",
      `
Each trial is a normal run in the run store (tagged sweep:<id>), listed by mlp runs and mlp serve; the
sweep's record, table and figures are in <runs-dir>/.sweeps/<id>/. A killed controller loses nothing:
mlp sweep resume <id> continues every unfinished trial from its last checkpoint.

Examples:
  $ mlp sweep examples/sweeps/course-mlp.yaml --parallel 2
  $ mlp sweep spec.yaml --queue redis://127.0.0.1:6379     # with mlp worker --queue ... elsewhere
  $ mlp sweep resume latest`,
    )
    .action(async (specArg: string, idArg: string | undefined, flags: SweepFlags) => {
      const out = new Output(flags);
      if (specArg === "resume") {
        if (!idArg) throw new UsageError("mlp sweep resume <id>: give the sweep id (or latest)");
        const id = resolveSweepId(flags.runsDir, idArg);
        await drive(id, flags, out);
        return;
      }
      if (idArg)
        throw new UsageError(`unexpected argument "${idArg}" (did you mean mlp sweep resume ${idArg}?)`);
      const spec = readSweepSpec(specArg, { resolveConfig: experimentConfigResolver });
      const executor = executorOf(flags, out);
      const record = createSweep(flags.runsDir, spec, {
        executor,
        specSource: specArg,
        ...(flags.name ? { name: flags.name } : {}),
      });
      out.note(`Sweep record: ${flags.runsDir}/.sweeps/${record.id}/sweep.json`);
      await drive(record.id, flags, out);
    });
}
