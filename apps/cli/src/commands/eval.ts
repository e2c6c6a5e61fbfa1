import type { ExperimentConfig } from "@mlp-lab/experiments";
import type { CheckpointKind } from "@mlp-lab/runs";
import type { Command } from "commander";
import { formatConfusion } from "../format-confusion.js";
import { Output } from "../output.js";
import { choice, runsDirOption } from "../parse-flags.js";
import { formatTable, percent } from "../table.js";

interface EvalFlags {
  split: "test" | "val";
  checkpoint: CheckpointKind;
  runsDir: string;
  dataDir?: string;
  backend: string;
  json?: boolean;
  quiet?: boolean;
}

/** Register `mlp eval`. */
export function registerEval(program: Command): void {
  program
    .command("eval")
    .description(
      "evaluate a run's checkpoint: loss, accuracy, per-class precision/recall/F1, confusion matrix",
    )
    .argument("<run>", "run id, unique id prefix, run folder, or latest")
    .addOption(runsDirOption())
    .option(
      "--split <split>",
      "test (the data set's test split) or val (the run's validation samples)",
      choice("--split", ["test", "val"] as const),
      "test",
    )
    .option("--checkpoint <which>", "best or last", choice("--checkpoint", ["best", "last"] as const), "best")
    .option("--data-dir <dir>", "read the data set from this folder first")
    .option("--backend <name>", "tensor backend (env MLP_BACKEND)", process.env.MLP_BACKEND || "auto")
    .option("--json", "print the result as JSON")
    .option("-q, --quiet", "print nothing but errors")
    .addHelpText(
      "after",
      `
Examples:
  $ mlp eval 20261127-1420                      # best checkpoint on the test split
  $ mlp eval runs/20261127-142035-470-mnist-two-layer-50-2612 --checkpoint last --split val
  $ mlp eval 2026 --json | jq .accuracy`,
    )
    .action(async (arg: string, flags: EvalFlags) => {
      const out = new Output(flags);
      const [{ evaluateRun }, { resolveRun }] = await Promise.all([
        import("@mlp-lab/experiments"),
        import("../resolve-run.js"),
      ]);
      const ref = await resolveRun(arg, flags.runsDir);
      const { evaluation: ev, ...result } = await evaluateRun(ref, {
        split: flags.split,
        checkpoint: flags.checkpoint,
        backend: flags.backend as ExperimentConfig["backend"],
        onWarning: (m) => out.warn(m),
        ...(flags.dataDir ? { dataDir: flags.dataDir } : {}),
      });
      const { perClass, macroAverage: macro, samples, epoch } = result;
      const set = { count: samples };
      const classNames = result.confusionMatrix.classNames;
      const { dataset: _dataset, ...json } = result;
      out.result(json);
      out.line(
        `Run ${ref.id}, ${flags.checkpoint} checkpoint (epoch ${epoch}), ${result.dataset} ${flags.split}: ${set.count} samples`,
      );
      out.line(
        `Loss: ${ev.loss.toFixed(4)}  Accuracy: ${percent(ev.accuracy)}  Errors: ${set.count - Math.round(ev.accuracy * set.count)}`,
      );
      out.line();
      const rows = perClass.map((m) => [
        String(m.label),
        m.name,
        m.precision.toFixed(4),
        m.recall.toFixed(4),
        m.f1.toFixed(4),
        String(m.support),
      ]);
      rows.push([
        "",
        "macro avg",
        macro.precision.toFixed(4),
        macro.recall.toFixed(4),
        macro.f1.toFixed(4),
        String(set.count),
      ]);
      out.line(
        formatTable(
          [
            { header: "class" },
            { header: "name" },
            { header: "precision", right: true },
            { header: "recall", right: true },
            { header: "f1", right: true },
            { header: "support", right: true },
          ],
          rows,
        ),
      );
      out.line();
      out.line("Confusion matrix (rows: true class, columns: predicted class)");
      out.line(formatConfusion(ev.confusion, classNames));
    });
}
