import { TRAINING_FLAGS } from "@mlp-lab/experiments/flags";
import { type Command, Option } from "commander";

/**
 * Add the training flags of `@mlp-lab/experiments/flags` to a command (`mlp train`, `mlp compare`),
 * under their help headings. `skip` leaves out flags the command defines itself (compare's repeatable
 * `--layers`).
 */
export function addTrainingOptions(cmd: Command, skip: readonly string[] = []): Command {
  for (const spec of TRAINING_FLAGS) {
    const option = new Option(spec.flags, spec.description).helpGroup(spec.group);
    if (skip.includes(option.attributeName())) continue;
    if (spec.parse) option.argParser(spec.parse);
    const fallback = (spec.env && process.env[spec.env]) || spec.default;
    if (fallback !== undefined) option.default(fallback);
    cmd.addOption(option);
  }
  return cmd;
}
