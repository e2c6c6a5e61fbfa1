import { Command, CommanderError } from "commander";
import { EXIT } from "./cli-error.js";
import { registerCompare } from "./commands/compare.js";
import { registerCourse } from "./commands/course.js";
import { registerDatasets } from "./commands/datasets.js";
import { registerDoctor } from "./commands/doctor.js";
import { registerEval } from "./commands/eval.js";
import { registerPlot } from "./commands/plot.js";
import { registerPredict } from "./commands/predict.js";
import { registerRuns } from "./commands/runs.js";
import { registerServe } from "./commands/serve.js";
import { registerSweep } from "./commands/sweep.js";
import { registerSweeps } from "./commands/sweeps.js";
import { registerTrain } from "./commands/train.js";
import { registerWorker } from "./commands/worker.js";
import { explainError } from "./explain-error.js";
import { CLI_VERSION } from "./version.js";

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

registerTrain(program);
registerEval(program);
registerPredict(program);
registerCompare(program);
registerRuns(program);
registerServe(program);
registerPlot(program);
registerDatasets(program);
registerDoctor(program);
registerCourse(program);
registerSweep(program);
registerSweeps(program);
registerWorker(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander printed the message (or the help/version); its own exits are 0, the rest usage errors.
    process.exitCode = error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  } else {
    const { message, code } = explainError(error);
    console.error(`mlp: error: ${message}`);
    process.exitCode = code;
  }
}
