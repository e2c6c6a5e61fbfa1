import { parse as parseYaml, stringify as stringifyYaml } from "yaml";
import { type ExperimentConfig, ExperimentConfigError, parseExperimentConfig } from "./experiment-config.js";

/**
 * Parse the text of an experiment config, YAML or JSON (JSON is YAML), and validate it.
 * @param source names the file (or `-` for stdin) in error messages.
 * @throws ExperimentConfigError on a syntax error or an invalid field.
 */
export function parseExperimentConfigText(text: string, source = "experiment config"): ExperimentConfig {
  let value: unknown;
  try {
    value = parseYaml(text);
  } catch (error) {
    throw new ExperimentConfigError([`not valid YAML or JSON: ${(error as Error).message}`], source);
  }
  return parseExperimentConfig(value, source);
}

/** The config as a YAML document (what `mlp train --print-config` prints), readable back by {@link parseExperimentConfigText}. */
export function experimentConfigToYaml(config: ExperimentConfig): string {
  return stringifyYaml(JSON.parse(JSON.stringify(config)), { flowCollectionPadding: false });
}
