import { Generator } from "@mlp-lab/random";
import { type TrialParams, sampleUniform } from "../search-space.js";
import type { ParameterSpec } from "../spec.js";
import type { Sampler } from "./sampler.js";

/** A generator for trial `number` of a sweep seeded `seed`: the same numbers on every resume. */
export function trialGenerator(seed: number, number: number, stream = 0): Generator {
  // Mix seed, trial number and stream into one 32-bit seed (splitmix-style constants).
  let h = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(number + 1, 0xc2b2ae35)) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x27d4eb2f) ^ Math.imul(stream + 1, 0x165667b1);
  return new Generator((h ^ (h >>> 15)) >>> 0);
}

/** Draws every parameter independently and uniformly (in log space for `log_uniform`). */
export class RandomSampler implements Sampler {
  readonly size = undefined;
  readonly #parameters: Record<string, ParameterSpec>;
  readonly #seed: number;

  constructor(parameters: Record<string, ParameterSpec>, seed: number) {
    this.#parameters = parameters;
    this.#seed = seed;
  }

  propose(number: number): TrialParams {
    const rng = trialGenerator(this.#seed, number);
    const params: TrialParams = {};
    for (const [path, p] of Object.entries(this.#parameters)) params[path] = sampleUniform(p, rng);
    return params;
  }
}
