import { useBackend } from "@mlp-lab/backend";
import type { CheckpointKind } from "@mlp-lab/runs";
import type { Command } from "commander";
import { predictProbabilities } from "../evaluate-model.js";
import { Output } from "../output.js";
import { choice, integer, runsDirOption } from "../parse-flags.js";
import { pngToInput } from "../png-input.js";
import { resolveRun } from "../resolve-run.js";
import { loadRunModel } from "../run-model.js";

interface PredictFlags {
  runsDir: string;
  checkpoint: CheckpointKind;
  resize?: boolean;
  invert?: boolean;
  top: number;
  backend: string;
  json?: boolean;
  quiet?: boolean;
}

/** Register `mlp predict`. */
export function registerPredict(program: Command): void {
  program
    .command("predict")
    .description("classify PNG images with a run's model: class and probabilities")
    .argument("<run>", "run id, unique id prefix, run folder, or latest")
    .argument("<images...>", "PNG files (grey or RGB)")
    .addOption(runsDirOption())
    .option("--checkpoint <which>", "best or last", choice("--checkpoint", ["best", "last"] as const), "best")
    .option("--resize", "scale images to the model's input size (else other sizes are refused)")
    .option("--invert", "invert grey levels (dark ink on light paper; MNIST is light on dark)")
    .option("--top <k>", "probabilities to show per image", integer("--top", 1), 3)
    .option("--backend <name>", "tensor backend (env MLP_BACKEND)", process.env.MLP_BACKEND || "auto")
    .option("--json", "print the result as JSON")
    .option("-q, --quiet", "print only the predicted class of each image")
    .addHelpText(
      "after",
      `
Examples:
  $ mlp predict 20261127-1420 digit.png
  $ mlp predict 20261127-1420 photo.png --resize --invert --top 5
  $ mlp predict runs/<id> a.png b.png --json`,
    )
    .action(async (arg: string, images: string[], flags: PredictFlags) => {
      const out = new Output({ json: flags.json ?? false });
      await useBackend(flags.backend);
      const ref = await resolveRun(arg, flags.runsDir);
      const { model, info } = await loadRunModel(ref, flags.checkpoint);
      const classes = info.classNames.length;
      const results = [];
      for (const path of images) {
        const x = await pngToInput(path, info, {
          resize: flags.resize ?? false,
          invert: flags.invert ?? false,
        });
        const probs = predictProbabilities(model, x, 1, classes);
        const ranked = Array.from(probs, (p, label) => ({
          label,
          name: info.classNames[label] ?? String(label),
          probability: p,
        })).sort((a, b) => b.probability - a.probability);
        const best = ranked[0]!;
        results.push({
          file: path,
          label: best.label,
          name: best.name,
          probability: best.probability,
          probabilities: Array.from(probs),
        });
        if (flags.quiet) {
          if (!flags.json) process.stdout.write(`${best.name}\n`);
          continue;
        }
        const top = ranked
          .slice(0, flags.top)
          .map((r) => `${r.name} ${(100 * r.probability).toFixed(2)}%`)
          .join(", ");
        out.line(
          `${path}: ${best.name} (${(100 * best.probability).toFixed(2)}%)  top ${Math.min(flags.top, classes)}: ${top}`,
        );
      }
      out.result({
        run: ref.id,
        checkpoint: flags.checkpoint,
        classNames: info.classNames,
        predictions: results,
      });
    });
}
