import type { SweepSpec } from "../spec.js";
import { GridSampler } from "./grid-sampler.js";
import { RandomSampler } from "./random-sampler.js";
import type { Sampler } from "./sampler.js";
import { TpeSampler } from "./tpe-sampler.js";

/** The sampler of a spec's `method`, seeded with its `seed`. */
export function createSampler(spec: Pick<SweepSpec, "method" | "parameters" | "seed" | "tpe">): Sampler {
  switch (spec.method) {
    case "grid":
      return new GridSampler(spec.parameters);
    case "random":
      return new RandomSampler(spec.parameters, spec.seed);
    case "tpe":
      return new TpeSampler(spec.parameters, spec.seed, spec.tpe);
  }
}
