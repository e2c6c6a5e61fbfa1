import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import type { ExperimentConfig } from "@mlp-lab/experiments";
import type { TrainingFlags } from "@mlp-lab/experiments/flags";
import type { Command } from "commander";
import { Output } from "../output.js";
import { collect, runsDirOption } from "../parse-flags.js";
import { addTrainingOptions } from "../training-options.js";

interface TrainCommandFlags extends TrainingFlags {
  config?: string;
  printConfig?: boolean;
  runsDir: string;
  name?: string;
  tag?: string[];
  resume?: string;
  save?: string;
  json?: boolean;
  quiet?: boolean;
}

/** Whether a flag was given (command line, flags file or environment) rather than left at its default. */
export function isSet(command: Command, key: string): boolean {
  return ["cli", "config", "env"].includes(command.getOptionValueSource(key) ?? "");
}

function isCheckpointDir(path: string): boolean {
  return existsSync(join(path, "model.safetensors")) || (existsSync(path) && path.endsWith(".safetensors"));
}

/** Register `mlp train`. */
export function registerTrain(program: Command): void {
  const cmd = program
    .command("train")
    .description("train a model into the run store, printing the course's epoch lines")
    .option(
      "--config <file>",
      "an experiment config (YAML or JSON, as --print-config prints; - reads stdin) or a file of flag values; command-line flags win",
    )
    .option(
      "--print-config",
      "print the resolved experiment config as YAML and exit (train it with --config)",
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
(run.json with the experiment config, metrics.jsonl, checkpoints/last and best, artifacts/). Ctrl-C
stops at the next batch, marks the run interrupted (exit code 130); --resume continues it.

Examples:
  $ mlp train                                            # the course's first run
  $ mlp train --resume latest --epochs 10 --log-interval 2     # 10 more epochs of the newest run
  $ mlp train --layers 512,256,128,64 --epochs 10 --log-interval 2
  $ mlp train --layers 512,256,128,64 --per-class 16 --batch-size 16 --val-batch-size 1000 \\
      --epochs 100 --log-interval 20 --optimizer adam --lr 0.001
  $ mlp train --dataset fashion-mnist --optimizer adamw --scheduler cosine --epochs 20
  $ mlp train --layers 128 --print-config > e.yaml && mlp train --config e.yaml --seed 2
  $ mlp train --train-limit 2000 --val-limit 500 --json   # small and machine-readable`,
    )
    .action(async (flags: TrainCommandFlags, command: Command) => {
      // Loaded here, not at startup: `mlp train --help` needs none of it (tfjs, zod, the run store).
      const [{ configFromFlags, experimentConfigOf, experimentConfigToYaml }, { readRun }] =
        await Promise.all([import("@mlp-lab/experiments"), import("@mlp-lab/runs")]);
      const [{ applyConfigFile }, { resolveRun }, { runTraining }] = await Promise.all([
        import("../config-file.js"),
        import("../resolve-run.js"),
        import("../train-run.js"),
      ]);
      const base = flags.config
        ? await applyConfigFile(command, flags.config, ["config", "resume"])
        : undefined;
      const f = command.opts<TrainCommandFlags>();
      const out = new Output(f);
      const explicit = (key: string) => command.getOptionValueSource(key) !== "default";
      if (f.resume !== undefined && !isCheckpointDir(f.resume)) {
        const ref = await resolveRun(f.resume, f.runsDir);
        if (f.printConfig) {
          process.stdout.write(
            experimentConfigToYaml(experimentConfigOf(await readRun(ref.runsDir, ref.id))),
          );
          return;
        }
        const options = {
          backend: f.backend as ExperimentConfig["backend"],
          logInterval: f.logInterval,
          ...(explicit("epochs") ? { epochs: f.epochs } : {}),
          ...(f.dataDir ? { dataDir: f.dataDir } : {}),
        };
        out.result(await runTraining({ out, summary: f.summary, resume: ref, options }));
        return;
      }
      const config = configFromFlags(f, (key) => isSet(command, key), base);
      if (f.resume !== undefined) config.initFrom = resolve(f.resume);
      if (f.printConfig) {
        process.stdout.write(experimentConfigToYaml(config));
        return;
      }
      const result = await runTraining({
        out,
        summary: f.summary,
        config,
        runsDir: f.runsDir,
        name: f.name,
        tags: f.tag,
        save: f.save,
      });
      out.result(result);
    });
}
