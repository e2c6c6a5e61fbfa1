import type { Command } from "commander";
import { EXIT } from "../cli-error.js";
import { applyConfigFile } from "../config-file.js";
import { Output } from "../output.js";
import { collect, runsDirOption } from "../parse-flags.js";
import { type TrainingFlags, addTrainingOptions } from "../train-options.js";
import { type TrainRunResult, runTraining } from "../train-run.js";

interface TrainCommandFlags extends TrainingFlags {
  config?: string;
  runsDir: string;
  name?: string;
  tag?: string[];
  resume?: string;
  save?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Register `mlp train`. */
export function registerTrain(program: Command): void {
  const cmd = program
    .command("train")
    .description("train a model into the run store, printing the course's epoch lines")
    .option(
      "--config <file>",
      "read flags from a JSON or YAML file (keys are flag names); command-line flags win",
    )
    .addOption(runsDirOption())
    .option("--name <name>", "run name (default <dataset>-<model>-<layers>)")
    .option("--tag <tag>", "label the run (repeatable)", collect, undefined)
    .option(
      "--resume <run|checkpoint>",
      "continue a run (id, id prefix, folder or latest) or start from a checkpoint folder",
    )
    .option("--save <dir>", "also write the last checkpoint to this folder (e.g. models/mod-TwoLayerMLP)")
    .option("--json", "print the result as JSON on stdout (no epoch lines)")
    .option("-q, --quiet", "print nothing but warnings and errors");
  addTrainingOptions(cmd);
  cmd
    .addHelpText(
      "after",
      `
The default run is the course's first: TwoLayerMLP 784-50-10 on MNIST, 1 epoch, SGD lr 0.01
momentum 0.5, batch 64, validation batch 10000, seed 1. Each run is a folder under --runs-dir
(run.json, metrics.jsonl, checkpoints/last and best, artifacts/). Ctrl-C stops at the next batch,
marks the run interrupted (exit code 130); --resume continues it.

Examples:
  $ mlp train                                            # the course's first run
  $ mlp train --resume latest --epochs 10 --log-interval 2     # 10 more epochs of the newest run
  $ mlp train --layers 512,256,128,64 --epochs 10 --log-interval 2
  $ mlp train --layers 512,256,128,64 --per-class 16 --batch-size 16 --val-batch-size 1000 \\
      --epochs 100 --log-interval 20 --optimizer adam --lr 0.001
  $ mlp train --dataset fashion-mnist --optimizer adamw --scheduler cosine --epochs 20
  $ mlp train --config experiment.yaml --seed 2
  $ mlp train --train-limit 2000 --val-limit 500 --json   # small and machine-readable`,
    )
    .action(async (flags: TrainCommandFlags, command: Command) => {
      if (flags.config) await applyConfigFile(command, flags.config, ["config", "resume"]);
      const f = command.opts<TrainCommandFlags>();
      // --layers alone means the layered MLP: `mlp train --layers 512,256` should not silently train the two-layer model.
      if (f.layers && command.getOptionValueSource("model") === "default") f.model = "mlp";
      const out = new Output(f);
      const result = await runTraining({
        flags: f,
        runsDir: f.runsDir,
        name: f.name,
        tags: f.tag,
        resume: f.resume,
        epochsExplicit: command.getOptionValueSource("epochs") !== "default",
        save: f.save,
        out,
      });
      out.result(result satisfies TrainRunResult);
      if (result.status === "interrupted") process.exitCode = EXIT.interrupted;
    });
}
