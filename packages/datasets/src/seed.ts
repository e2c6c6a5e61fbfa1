import { Generator } from "@mlp-lab/random";

/** A seed, or a generator to draw from (so several draws can share one stream). */
export type SeedLike = number | Generator;

/** The generator for a seed or the generator itself. */
export function toGenerator(seed: SeedLike): Generator {
  return typeof seed === "number" ? new Generator(seed) : seed;
}
