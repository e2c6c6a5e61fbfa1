import {
  type SweepRecord,
  type SweepSpec,
  listSweeps,
  plannedTrials,
  readSweepRecord,
  resolveSweepId,
  specOf,
  sweepStatus,
} from "@mlp-lab/sweeps";
import { formatParam, writeSweepFigures } from "@mlp-lab/sweeps/figures";
import type { Command } from "commander";
import { Output } from "../output.js";
import { runsDirOption } from "../parse-flags.js";
import { formatTable, percent } from "../table.js";

interface SweepsFlags {
  runsDir: string;
  json?: boolean;
  quiet?: boolean;
  figures?: boolean;
}

/** The sweep metric for humans: accuracies in percent, losses to 4 decimals. */
export function formatMetric(spec: SweepSpec, value: number | null): string {
  if (value === null) return "-";
  return spec.metric.name === "val_accuracy" ? percent(value) : value.toFixed(4);
}

/** The result table: trial, each parameter, metric, epochs, status, run. */
export function sweepTable(record: SweepRecord): string {
  const spec = specOf(record);
  const paths = Object.keys(spec.parameters);
  const best = record.best?.trial;
  return formatTable(
    [
      { header: "trial", right: true },
      ...paths.map((p) => ({ header: p })),
      { header: spec.metric.name, right: true },
      { header: "epochs", right: true },
      { header: "status" },
      { header: "run" },
    ],
    record.trials.map((t) => [
      `${t.number}${t.number === best ? "*" : ""}`,
      ...paths.map((p) => formatParam(t.params[p])),
      formatMetric(spec, t.value),
      String(t.epochs),
      t.state === "pruned" ? `pruned@${t.rungs.at(-1)?.epoch ?? t.epochs}` : t.state,
      t.runId ?? "-",
    ]),
  );
}

/** A one-line summary of the best trial. */
export function bestLine(record: SweepRecord): string {
  const spec = specOf(record);
  if (!record.best) return "No trial has a result yet.";
  const params = Object.entries(record.best.params)
    .map(([k, v]) => `${k}=${formatParam(v)}`)
    .join(" ");
  return `Best: trial ${record.best.trial}, ${spec.metric.name} ${formatMetric(spec, record.best.value)} (${params}), run ${record.best.runId ?? "-"}`;
}

function countStates(record: SweepRecord): string {
  const counts = new Map<string, number>();
  for (const t of record.trials) counts.set(t.state, (counts.get(t.state) ?? 0) + 1);
  return [...counts].map(([s, n]) => `${n} ${s}`).join(", ") || "none";
}

/** Register `mlp sweeps [list|show <id>]`. */
export function registerSweeps(program: Command): void {
  const sweeps = program
    .command("sweeps")
    .description("list the sweeps in the run store, or show one sweep's trials")
    .addOption(runsDirOption())
    .option("--json", "print JSON")
    .option("-q, --quiet", "print only the table")
    .addHelpText(
      "after",
      `
Examples:
  $ mlp sweeps                      # every sweep: status, trials, best
  $ mlp sweeps show latest          # trials of the last sweep, its best, its figures
  $ mlp sweeps show 2026 --json`,
    )
    .action((flags: SweepsFlags) => listAction(flags));
  sweeps
    .command("list", { isDefault: false })
    .description("list the sweeps (the default)")
    .action((_: unknown, cmd: Command) => listAction(cmd.optsWithGlobals<SweepsFlags>()));
  sweeps
    .command("show <id>")
    .description("one sweep's trials and best (id, unique prefix, or latest)")
    .option("--figures", "draw its figures again (parallel coordinates, best-so-far)")
    .action(async (id: string, _: unknown, cmd: Command) => {
      const flags = cmd.optsWithGlobals<SweepsFlags>();
      const out = new Output(flags);
      const record = readSweepRecord(flags.runsDir, resolveSweepId(flags.runsDir, id));
      out.result(record);
      if (out.json) return;
      const spec = specOf(record);
      out.line(
        `Sweep ${record.id} (${record.name}): ${spec.method}, ${sweepStatus(record)}, ${record.trials.length}/${plannedTrials(record) ?? "?"} trials (${countStates(record)})`,
      );
      if (spec.earlyTermination) {
        const a = spec.earlyTermination;
        out.line(`ASHA: minEpochs ${a.minEpochs}, η ${a.reductionFactor}, maxEpochs ${a.maxEpochs}`);
      }
      process.stdout.write(`${sweepTable(record)}\n`);
      out.line(bestLine(record));
      const epochs = record.trials.reduce((a, t) => a + t.epochs, 0);
      out.line(`Epochs trained: ${epochs}`);
      if (flags.figures)
        for (const p of await writeSweepFigures(flags.runsDir, record)) out.note(`Figure: ${p}`);
    });
}

function listAction(flags: SweepsFlags): void {
  const out = new Output(flags);
  const { sweeps, errors } = listSweeps(flags.runsDir);
  for (const e of errors) out.warn(`sweep ${e.id}: ${e.message}`);
  out.result(
    sweeps.map((s) => ({
      id: s.id,
      name: s.name,
      status: sweepStatus(s),
      trials: s.trials.length,
      best: s.best,
    })),
  );
  if (out.json) return;
  if (sweeps.length === 0) {
    out.note(`No sweeps in ${flags.runsDir}/.sweeps (start one with mlp sweep <spec.yaml>).`);
    return;
  }
  process.stdout.write(
    `${formatTable(
      [
        { header: "id" },
        { header: "method" },
        { header: "status" },
        { header: "trials", right: true },
        { header: "best", right: true },
        { header: "executor" },
      ],
      sweeps.map((s) => {
        const spec = specOf(s);
        return [
          s.id,
          spec.method + (spec.earlyTermination ? "+asha" : ""),
          sweepStatus(s),
          `${s.trials.filter((t) => t.state !== "pending" && t.state !== "running").length}/${plannedTrials(s) ?? "?"}`,
          s.best ? `${formatMetric(spec, s.best.value)} (#${s.best.trial})` : "-",
          s.executor.kind === "queue"
            ? `queue ${s.executor.queue ?? ""}`
            : `${s.executor.kind} x${s.executor.parallel ?? 1}`,
        ];
      }),
    )}\n`,
  );
}
