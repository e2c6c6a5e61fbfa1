import * as tf from "@tensorflow/tfjs-core";
import { ModelError } from "./errors.js";
import { type StateDict, sizeOf } from "./state-dict.js";
import { summary } from "./summary.js";
import { badOption, knownKeys, requireObject } from "./validate-options.js";

/**
 * Base class of all layers and models, like `torch.nn.Module`: parameters are tfjs variables
 * registered under PyTorch-style names, and child modules nest their names with dots.
 */
export abstract class Module {
  private readonly params = new Map<string, tf.Variable>();
  private readonly children = new Map<string, Module>();
  /** Training mode (dropout active) or evaluation mode. */
  training = true;

  /** Compute the output for a batch. */
  abstract forward(x: tf.Tensor): tf.Tensor;

  /** Register a parameter under `name` and return it. */
  protected registerParameter(name: string, value: tf.Variable): tf.Variable {
    this.params.set(name, value);
    return value;
  }

  /** Register a child module under `name` and return it. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    this.children.set(name, module);
    return module;
  }

  /** All parameters with their dotted names, in registration order (PyTorch's `named_parameters`). */
  namedParameters(prefix = ""): Array<[string, tf.Variable]> {
    const out: Array<[string, tf.Variable]> = [];
    for (const [name, p] of this.params) out.push([prefix + name, p]);
    for (const [name, child] of this.children) out.push(...child.namedParameters(`${prefix}${name}.`));
    return out;
  }

  /** This module's direct children with their names, in registration order. */
  namedChildren(): Array<[string, Module]> {
    return [...this.children];
  }

  /** Every descendant module with its dotted name, depth first (PyTorch's `named_modules`, without the root). */
  namedModules(prefix = ""): Array<[string, Module]> {
    const out: Array<[string, Module]> = [];
    for (const [name, child] of this.children) {
      out.push([prefix + name, child], ...child.namedModules(`${prefix}${name}.`));
    }
    return out;
  }

  /** Output shape for an input of `inputShape` (batch first, -1 for any), used by `summary`. */
  outputShape(inputShape: readonly number[]): number[] {
    return [...inputShape];
  }

  /** All parameters, in registration order. */
  parameters(): tf.Variable[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Total number of trainable values (the course's 39760 for TwoLayerMLP(784, 50, 10)). */
  parameterCount(): number {
    return this.parameters().reduce((n, p) => n + p.size, 0);
  }

  /** Switch this module and its children to training mode. */
  train(): this {
    this.training = true;
    for (const child of this.children.values()) child.train();
    return this;
  }

  /** Switch this module and its children to evaluation mode. */
  eval(): this {
    this.training = false;
    for (const child of this.children.values()) child.eval();
    return this;
  }

  /** A copy of every parameter as plain data, with PyTorch's names and layouts. */
  stateDict(): StateDict {
    const dict: StateDict = {};
    for (const [name, p] of this.namedParameters()) {
      dict[name] = { shape: p.shape.slice(), data: Float32Array.from(p.dataSync() as Float32Array) };
    }
    return dict;
  }

  /**
   * Copy values into the parameters. With `strict` (the default, like PyTorch) every parameter
   * must be present and no other key may be; shapes must always match.
   */
  loadStateDict(dict: StateDict, options: { strict?: boolean } = {}): void {
    requireObject("loadStateDict", "dict", dict);
    requireObject("loadStateDict", "options", options);
    knownKeys("loadStateDict", "options", options, ["strict"]);
    if (options.strict !== undefined && typeof options.strict !== "boolean") {
      badOption("loadStateDict", "options.strict", "must be a boolean", options.strict);
    }
    const strict = options.strict ?? true;
    const named = new Map(this.namedParameters());
    if (strict) {
      for (const key of Object.keys(dict)) {
        if (!named.has(key)) {
          throw new ModelError(
            "STATE_DICT_UNEXPECTED_KEY",
            `unexpected key "${key}" in state dict (model has ${[...named.keys()].join(", ")})`,
          );
        }
      }
    }
    for (const [name, p] of named) {
      const entry = dict[name];
      if (!entry) {
        if (strict) throw new ModelError("STATE_DICT_MISSING_KEY", `missing key "${name}" in state dict`);
        continue;
      }
      if (entry.shape.length !== p.shape.length || entry.shape.some((d, i) => d !== p.shape[i])) {
        throw new ModelError(
          "STATE_DICT_SHAPE_MISMATCH",
          `"${name}" has shape [${entry.shape}] in the state dict but [${p.shape}] in the model`,
        );
      }
      if (entry.data.length !== sizeOf(entry.shape)) {
        throw new ModelError(
          "STATE_DICT_SHAPE_MISMATCH",
          `"${name}" holds ${entry.data.length} values but its shape [${entry.shape}] needs ${sizeOf(entry.shape)}`,
        );
      }
      // Copy: the cpu backend keeps the array it is given, and the caller may reuse theirs.
      tf.tidy(() => p.assign(tf.tensor(Float32Array.from(entry.data), p.shape, "float32")));
    }
  }

  /** The Keras-style summary table (layers, output shapes, parameters, totals) as text. */
  summary(inputShape?: readonly number[]): string {
    return summary(this, inputShape).text;
  }

  /** Release every parameter's memory. */
  dispose(): void {
    for (const p of this.parameters()) p.dispose();
  }
}
