import { Command } from "commander";
import { type TrainingFlags, addTrainingOptions } from "./train-options.js";

/**
 * Training flags from command-line words, parsed and validated by the same options as `mlp train`
 * (`["--layers", "512,256", "--epochs", "10"]`): how `mlp course` describes each of its runs.
 */
export function trainingFlagsFrom(args: readonly string[]): TrainingFlags {
  const cmd = addTrainingOptions(new Command("train").exitOverride());
  cmd.parse([...args], { from: "user" });
  const flags = cmd.opts<TrainingFlags>();
  if (flags.layers && cmd.getOptionValueSource("model") === "default") flags.model = "mlp";
  return flags;
}
