import { Generator } from "@mlp-lab/random";
import { type TrialParams, sampleUniform } from "../search-space.js";
import type { ParameterSpec } from "../spec.js";
import type { Sampler } from "./sampler.js";

/** MurmurHash3's 32-bit finaliser: every input bit flips about half the output bits. */
function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * A generator for trial `number` of a sweep seeded `seed`: the same numbers on every resume, and
 * unrelated streams for neighbouring trial numbers (the seed and the number are hashed, then a few
 * outputs are discarded, so trial 1's first draw says nothing of trial 0's).
 */
export function trialGenerator(seed: number, number: number, stream = 0): Generator {
  const h = fmix32(
    fmix32(seed) ^ fmix32(Math.imul(number + 1, 0x9e3779b9) ^ Math.imul(stream + 1, 0x7feb352d)),
  );
  const rng = new Generator(h);
  for (let i = 0; i < 4; i++) rng.nextUint32();
  return rng;
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
