import { Command, CommanderError } from "commander";
import { EXIT } from "./cli-error.js";
import { CLI_VERSION } from "./version.js";

type Register = (program: Command) => void;

/**
 * Each command's module, in help order, loaded only when needed: the command that runs, or all of them
 * for `mlp --help` and a mistyped command's suggestion. `mlp --version` loads none; tfjs and the
 * libraries load inside the commands' actions, so `mlp train --help` loads none of them either.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  train: async () => (await import("./commands/train.js")).registerTrain,
  eval: async () => (await import("./commands/eval.js")).registerEval,
  predict: async () => (await import("./commands/predict.js")).registerPredict,
  compare: async () => (await import("./commands/compare.js")).registerCompare,
  runs: async () => (await import("./commands/runs.js")).registerRuns,
  serve: async () => (await import("./commands/serve.js")).registerServe,
  plot: async () => (await import("./commands/plot.js")).registerPlot,
  datasets: async () => (await import("./commands/datasets.js")).registerDatasets,
  doctor: async () => (await import("./commands/doctor.js")).registerDoctor,
  course: async () => (await import("./commands/course.js")).registerCourse,
  sweep: async () => (await import("./commands/sweep.js")).registerSweep,
  sweeps: async () => (await import("./commands/sweeps.js")).registerSweeps,
  worker: async () => (await import("./commands/worker.js")).registerWorker,
};

// `mlp runs list | head` closes stdout early: that is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const program = new Command("mlp")
  .description("Build, train, compare and inspect neural-network classifiers on image data sets.")
  .version(CLI_VERSION)
  .showSuggestionAfterError(true)
  .showHelpAfterError("(add --help for usage and examples)")
  .exitOverride()
  .addHelpText(
    "after",
    `
Exit codes: 0 ok, 1 failure, 2 usage error, 130 interrupted (Ctrl-C).
Environment: MLP_RUNS_DIR (run store), MLP_DATA_DIR (data folder), MLP_BACKEND (tensor backend).

Examples:
  $ mlp train                                # the course's first run: TwoLayerMLP, 1 epoch
  $ mlp runs                                 # list runs
  $ mlp eval <run> --split test              # loss, accuracy, per-class metrics
  $ mlp compare --layers 50 --layers 512,256,128,64 --epochs 3 --parallel 2
  $ mlp course --quick                       # replay the course, write a report
  $ mlp serve                                # browse the runs in the web viewer`,
  );

const args = process.argv.slice(2);
const named = args.find((a) => !a.startsWith("-"));
const versionOnly = named === undefined && args.some((a) => a === "-V" || a === "--version");
const needed = named && Object.hasOwn(COMMANDS, named) ? [named] : versionOnly ? [] : Object.keys(COMMANDS);
for (const register of await Promise.all(needed.map((name) => COMMANDS[name]!()))) register(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander printed the message (or the help/version); its own exits are 0, the rest usage errors.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const { explainError } = await import("./explain-error.js");
    const { message, code } = explainError(error);
    console.error(`mlp: error: ${message}`);
    process.exitCode = code;
  }
}
