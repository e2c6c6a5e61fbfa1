import type { CheckpointKind } from "@mlp-lab/runs";
import type { Command } from "commander";
import { Output } from "../output.js";
import { choice, integer, runsDirOption } from "../parse-flags.js";

interface PredictFlags {
  runsDir: string;
  checkpoint: CheckpointKind;
  resize?: boolean;
  center?: boolean;
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
    .option(
      "--center",
      "prepare a digit like MNIST: ink box scaled to 20 px, centred by mass in 28x28 (any size)",
    )
    .option(
      "--invert",
      "dark ink on light paper or a transparent background (MNIST is light on dark); transparent pixels are background",
    )
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
  $ mlp predict 20261127-1420 drawing.png --center --invert
  $ mlp predict runs/<id> a.png b.png --json`,
    )
    .action(async (arg: string, images: string[], flags: PredictFlags) => {
      const out = new Output({ json: flags.json ?? false });
      const [{ useBackend, useHostReadableBackend }, { loadRunModel }, { predictProbabilities }] =
        await Promise.all([
          import("@mlp-lab/backend"),
          import("@mlp-lab/experiments"),
          import("@mlp-lab/models"),
        ]);
      const [{ pngToInput }, { resolveRun }] = await Promise.all([
        import("../png-input.js"),
        import("../resolve-run.js"),
      ]);
      await useBackend(flags.backend);
      // Prediction reads tensors synchronously: on webgpu (asynchronous reads only) continue on a CPU backend.
      await useHostReadableBackend();
      const ref = await resolveRun(arg, flags.runsDir);
      const loaded = await loadRunModel(ref, flags.checkpoint);
      const { model, info } = loaded;
      // The run's own normalisation when it recorded one, else the data set's.
      const normalize = (loaded as { normalize?: { mean: number[]; std: number[] } }).normalize ?? info;
      const shape = {
        height: info.height,
        width: info.width,
        channels: info.channels,
        mean: [...normalize.mean],
        std: [...normalize.std],
      };
      const classes = info.classNames.length;
      const results = [];
      for (const path of images) {
        const x = await pngToInput(path, shape, {
          resize: flags.resize ?? false,
          center: flags.center ?? false,
          invert: flags.invert ?? false,
        });
        const probs = predictProbabilities(model, x, 1);
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
