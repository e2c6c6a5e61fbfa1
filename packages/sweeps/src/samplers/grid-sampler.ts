import { type TrialParams, gridPoints } from "../search-space.js";
import type { ParameterSpec } from "../spec.js";
import type { Sampler } from "./sampler.js";

/** Enumerates the grid of `values` parameters in order; trial `n` gets point `n`. */
export class GridSampler implements Sampler {
  readonly #points: TrialParams[];

  constructor(parameters: Record<string, ParameterSpec>) {
    this.#points = gridPoints(parameters);
  }

  get size(): number {
    return this.#points.length;
  }

  propose(number: number): TrialParams | undefined {
    const point = this.#points[number];
    return point === undefined ? undefined : structuredClone(point);
  }
}
