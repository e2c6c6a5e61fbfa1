import { extname } from "node:path";
import type { TrainingFlags } from "@mlp-lab/experiments/flags";
import type { ConfigOutcome } from "@mlp-lab/sweeps";
import type { Command } from "commander";
import { EXIT, UsageError } from "../cli-error.js";
import { Output } from "../output.js";
import { integer, layerLists, runsDirOption } from "../parse-flags.js";
import { formatTable, percent } from "../table.js";
import { addTrainingOptions } from "../training-options.js";
import { isSet } from "./train.js";

interface CompareFlags {
  plot?: string;
  layers?: number[][];
  parallel: number;
  config?: string;
  runsDir: string;
  json?: boolean;
  quiet?: boolean;
}

/** One architecture's row: its layers and how its run ended. */
type Row = Omit<ConfigOutcome, "index" | "error"> & { layers: number[]; error?: string };

/** Draw the finished runs' curves on one chart, written beside the target then renamed. */
async function plotOverlay(path: string, runsDir: string, rows: readonly Row[], out: Output): Promise<void> {
  const ids = rows.flatMap((r) => (r.runId ? [r.runId] : []));
  if (ids.length === 0) return;
  const [{ readRun, writeFileAtomic }, { figureBytes }, { overlayCurvesSvg }] = await Promise.all([
    import("@mlp-lab/runs"),
    import("@mlp-lab/visualization/png"),
    import("@mlp-lab/visualization/runs"),
  ]);
  const records = await Promise.all(ids.map((id) => readRun(runsDir, id)));
  const svg = await overlayCurvesSvg(runsDir, records, "Architectures compared: loss and accuracy per epoch");
  writeFileAtomic(path, figureBytes(svg, extname(path).toLowerCase() === ".png" ? "png" : "svg"));
  out.note(`Curves: ${path}`);
}

/** Register `mlp compare`. */
export function registerCompare(program: Command): void {
  const cmd = program
    .command("compare")
    .description('the course\'s "test several MLP architectures": train each, one run each, and tabulate')
    .requiredOption(
      "--layers <sizes>",
      "hidden layer sizes of one architecture (repeat for each), e.g. --layers 50 --layers 512,256,128,64",
      layerLists("--layers"),
    )
    .option(
      "--parallel <n>",
      "train this many architectures at once, in worker processes",
      integer("--parallel", 1),
      1,
    )
    .option("--config <file>", "read the shared training flags from a JSON or YAML file")
    .addOption(runsDirOption())
    .option("--plot <file>", "also draw every run's curves on one chart (.svg or .png)")
    .option("--json", "print the table as JSON")
    .option("-q, --quiet", "print only the table");
  addTrainingOptions(cmd, ["layers", "model"]);
  cmd
    .addHelpText(
      "after",
      `
Every architecture is an MLP (ReLU between layers) trained with the same flags, in its own run: each
worker gets the experiment config (the flags over --config) of its architecture.

Examples:
  $ mlp compare --layers 50 --layers 128,64 --layers 512,256,128,64 --epochs 10 --parallel 2
  $ mlp compare --layers 100 --layers 512,256 --train-limit 5000 --epochs 3 --json
  $ mlp compare --layers 50 --layers 128 --epochs 5 --plot compare.png   # overlaid curves`,
    )
    .action(async (_flags: CompareFlags, command: Command) => {
      const [{ configFromFlags }, { applyConfigFile }] = await Promise.all([
        import("@mlp-lab/experiments"),
        import("../config-file.js"),
      ]);
      const base = _flags.config
        ? await applyConfigFile(command, _flags.config, ["config", "layers", "parallel"])
        : undefined;
      const flags = command.opts<CompareFlags & TrainingFlags>();
      const out = new Output(flags);
      const architectures = flags.layers ?? [];
      if (architectures.length === 0) throw new UsageError("--layers: give at least one architecture");
      // --layers here lists architectures; each worker's model is set below.
      const config = configFromFlags({ ...flags, layers: undefined }, (key) => isSet(command, key), base);
      const jobs = architectures.map((layers) => ({
        config: {
          ...config,
          model: { kind: "mlp", layers, activation: flags.activation, dropout: flags.dropout },
        },
        name: [config.dataset, "mlp", ...layers].join("-"),
      }));
      out.note(
        `Training ${jobs.length} architecture${jobs.length === 1 ? "" : "s"}, ${Math.min(flags.parallel, jobs.length)} at a time...`,
      );
      const [{ trainConfigs }, { trialProcessCommand }] = await Promise.all([
        import("@mlp-lab/sweeps"),
        import("./worker.js"),
      ]);
      const rows: Row[] = [];
      const controller = new AbortController();
      const onSigint = () => controller.abort();
      process.on("SIGINT", onSigint);
      await trainConfigs(jobs, {
        runsDir: flags.runsDir,
        command: trialProcessCommand(),
        parallel: flags.parallel,
        tags: ["compare"],
        signal: controller.signal,
        onDone: ({ index, error, ...outcome }) => {
          const row = { layers: architectures[index]!, ...outcome, ...(error ? { error } : {}) };
          rows[index] = row;
          const what =
            row.status === "failed"
              ? `failed: ${row.error}`
              : `${row.status}, best val ${percent(row.bestValAccuracy)} (${row.seconds.toFixed(1)}s)`;
          out.note(
            `[${rows.filter(Boolean).length}/${jobs.length}] ${architectures[index]!.join(",")}: ${what}`,
          );
        },
      }).finally(() => process.removeListener("SIGINT", onSigint));
      const interrupted = controller.signal.aborted;
      const done = rows.filter(Boolean);
      out.result({ architectures: done });
      if (!out.json) {
        process.stdout.write(
          `${formatTable(
            [
              { header: "layers" },
              { header: "parameters", right: true },
              { header: "best val acc", right: true },
              { header: "epoch of best", right: true },
              { header: "seconds", right: true },
              { header: "run" },
            ],
            done.map((r) => [
              r.layers.join(","),
              r.parameters === null ? "-" : String(r.parameters),
              percent(r.bestValAccuracy),
              r.bestEpoch === null ? "-" : String(r.bestEpoch),
              r.seconds.toFixed(1),
              r.runId ?? r.status,
            ]),
          )}\n`,
        );
      }
      if (flags.plot) await plotOverlay(flags.plot, flags.runsDir, done, out);
      if (interrupted || done.some((r) => r.status === "interrupted")) {
        const ids = done.filter((r) => r.status === "interrupted" && r.runId).map((r) => r.runId);
        out.note(`Interrupted: continue each run with mlp train --resume <id> (${ids.join(", ")})`);
        process.exitCode = EXIT.interrupted;
      } else if (done.some((r) => r.status === "failed")) process.exitCode = EXIT.failure;
    });
}
