import type { Generator } from "@mlp-lab/random";
import type { ParameterSpec } from "./spec.js";

/** Parameter values of one trial, by field path. */
export type TrialParams = Record<string, unknown>;

/**
 * A numeric parameter in the space where samplers work: log space for `log_uniform`, widened by half a
 * step for `int_uniform` and `q_uniform` so each value has an equal share, as Optuna does.
 */
export interface NumericDomain {
  low: number;
  high: number;
  /** Internal value → parameter value (exp, rounding to the grid, clamping). */
  toValue(x: number): number;
  /** Parameter value → internal value. */
  toInternal(v: number): number;
}

/** The sampler's view of a numeric parameter; undefined for `values` parameters. */
export function numericDomain(p: ParameterSpec): NumericDomain | undefined {
  if ("values" in p) return undefined;
  const clamp = (v: number) => Math.min(p.max, Math.max(p.min, v));
  switch (p.distribution) {
    case "uniform":
      return { low: p.min, high: p.max, toValue: clamp, toInternal: (v) => v };
    case "log_uniform":
      return {
        low: Math.log(p.min),
        high: Math.log(p.max),
        toValue: (x) => clamp(Math.exp(x)),
        toInternal: (v) => Math.log(v),
      };
    case "int_uniform":
      return {
        low: p.min - 0.5,
        high: p.max + 0.5,
        toValue: (x) => clamp(Math.round(x)),
        toInternal: (v) => v,
      };
    case "q_uniform": {
      const steps = Math.floor((p.max - p.min) / p.q + 1e-9);
      const onGrid = (x: number) => {
        const k = Math.min(steps, Math.max(0, Math.round((x - p.min) / p.q)));
        // Round away binary noise (0.1 + 2 * 0.05 → 0.2, not 0.20000000000000004).
        return Number((p.min + k * p.q).toPrecision(12));
      };
      return {
        low: p.min - p.q / 2,
        high: p.min + steps * p.q + p.q / 2,
        toValue: onGrid,
        toInternal: (v) => v,
      };
    }
  }
}

/** Index of `value` among `values` by JSON equality (values may be arrays, like layer lists); -1 if absent. */
export function valueIndex(values: readonly unknown[], value: unknown): number {
  const key = JSON.stringify(value);
  return values.findIndex((v) => JSON.stringify(v) === key);
}

/** One value drawn uniformly from the parameter's distribution or list. */
export function sampleUniform(p: ParameterSpec, rng: Generator): unknown {
  if ("values" in p) return structuredClone(p.values[rng.int(p.values.length)]);
  const d = numericDomain(p)!;
  return d.toValue(rng.uniform(d.low, d.high));
}

/**
 * Every combination of the `values` parameters, the last parameter varying fastest (like
 * scikit-learn's `ParameterGrid` and W&B's grid). Only `values` parameters can be enumerated.
 */
export function gridPoints(parameters: Record<string, ParameterSpec>): TrialParams[] {
  let points: TrialParams[] = [{}];
  for (const [path, p] of Object.entries(parameters)) {
    if (!("values" in p)) throw new TypeError(`parameters.${path}: grid search needs values`);
    points = points.flatMap((point) => p.values.map((v) => ({ ...point, [path]: structuredClone(v) })));
  }
  return points;
}
