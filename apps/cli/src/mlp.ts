import { BackendError } from "@mlp-lab/backend";
import { DatasetError } from "@mlp-lab/datasets";
import { ModelError } from "@mlp-lab/models";
import { TrainingError } from "@mlp-lab/training";
import { Command, CommanderError } from "commander";
import { EXIT, UsageError } from "./cli-error.js";
import { registerTrain } from "./commands/train.js";

const program = new Command("mlp")
  .description("Build, train, compare and inspect neural-network classifiers on image data sets.")
  .version("0.1.0")
  .showSuggestionAfterError(true)
  .exitOverride();

registerTrain(program);

function explain(error: unknown): { message: string; code: number } {
  if (error instanceof UsageError) return { message: error.message, code: EXIT.usage };
  if (error instanceof BackendError || error instanceof DatasetError || error instanceof ModelError || error instanceof TrainingError) {
    return { message: error.message, code: EXIT.failure };
  }
  if (error instanceof Error) return { message: error.stack ?? error.message, code: EXIT.failure };
  return { message: String(error), code: EXIT.failure };
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander already printed its message (or the help); keep its code, but usage errors are 2.
    process.exitCode = error.exitCode === 0 ? 0 : EXIT.usage;
  } else {
    const { message, code } = explain(error);
    console.error(`mlp: error: ${message}`);
    process.exitCode = code;
  }
}
