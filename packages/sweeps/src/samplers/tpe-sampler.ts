import type { Generator } from "@mlp-lab/random";
import { type TrialParams, numericDomain, sampleUniform, valueIndex } from "../search-space.js";
import type { ParameterSpec } from "../spec.js";
import {
  CategoricalParzenEstimator,
  NumericParzenEstimator,
  defaultGamma,
  defaultWeights,
} from "./parzen-estimator.js";
import { trialGenerator } from "./random-sampler.js";
import type { Observation, Sampler } from "./sampler.js";

/** TPE settings (Optuna's defaults: 10 random startup trials, 24 expected-improvement candidates, prior weight 1). */
export interface TpeOptions {
  nStartupTrials: number;
  nEiCandidates: number;
  priorWeight: number;
}

/**
 * Rank finished trials best first, as Optuna's TPE does: completed trials by their metric, then pruned
 * trials by how far they got (more epochs first), then by their last metric. Failed trials and trials
 * without a metric are left out.
 */
export function rankObservations(history: readonly Observation[]): Observation[] {
  const usable = history.filter(
    (o): o is Observation & { loss: number } =>
      (o.state === "completed" || o.state === "pruned") && o.loss !== null && Number.isFinite(o.loss),
  );
  return [...usable].sort((a, b) => {
    const ca = a.state === "completed" ? 0 : 1;
    const cb = b.state === "completed" ? 0 : 1;
    if (ca !== cb) return ca - cb;
    if (ca === 1 && a.epochs !== b.epochs) return b.epochs - a.epochs;
    return a.loss - b.loss;
  });
}

/**
 * Tree-structured Parzen Estimator, univariate, as Optuna's default `TPESampler`: after
 * `nStartupTrials` random trials, split the finished ones into the best γ(n) ("good", density l) and
 * the rest (g); for each parameter draw `nEiCandidates` points from l and keep the one that maximises
 * l(x)/g(x), the expected-improvement ratio. Numeric parameters use truncated Gaussian mixtures (in log
 * space for log-uniform), `values` parameters categorical ones.
 */
export class TpeSampler implements Sampler {
  readonly size = undefined;
  readonly #parameters: Record<string, ParameterSpec>;
  readonly #seed: number;
  readonly #options: TpeOptions;

  constructor(parameters: Record<string, ParameterSpec>, seed: number, options: TpeOptions) {
    this.#parameters = parameters;
    this.#seed = seed;
    this.#options = options;
  }

  propose(number: number, history: readonly Observation[]): TrialParams {
    const rng = trialGenerator(this.#seed, number);
    const ranked = rankObservations(history);
    const params: TrialParams = {};
    if (ranked.length < Math.max(1, this.#options.nStartupTrials) || ranked.length < 2) {
      for (const [path, p] of Object.entries(this.#parameters)) params[path] = sampleUniform(p, rng);
      return params;
    }
    const nBelow = defaultGamma(ranked.length);
    const below = ranked.slice(0, nBelow);
    // Optuna weights the good group uniformly and the bad one by recency (`default_weights`).
    const above = ranked.slice(nBelow);
    for (const [path, p] of Object.entries(this.#parameters)) {
      params[path] = this.#sampleOne(p, path, below, above, rng);
    }
    return params;
  }

  #sampleOne(
    p: ParameterSpec,
    path: string,
    below: Observation[],
    above: Observation[],
    rng: Generator,
  ): unknown {
    const { nEiCandidates, priorWeight } = this.#options;
    if ("values" in p) {
      const index = (obs: Observation[]) =>
        obs.map((o) => valueIndex(p.values, o.params[path])).filter((i) => i >= 0);
      const lo = index(below);
      const hi = index(above);
      const l = new CategoricalParzenEstimator(lo, defaultWeights(lo.length), p.values.length, priorWeight);
      const g = new CategoricalParzenEstimator(hi, defaultWeights(hi.length), p.values.length, priorWeight);
      let best = l.sample(rng);
      let bestScore = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < nEiCandidates; i++) {
        const c = l.sample(rng);
        const score = l.logPdf(c) - g.logPdf(c);
        if (score > bestScore) {
          bestScore = score;
          best = c;
        }
      }
      return structuredClone(p.values[best]);
    }
    const d = numericDomain(p)!;
    const values = (obs: Observation[]) =>
      obs
        .map((o) => o.params[path])
        .filter((v): v is number => typeof v === "number" && Number.isFinite(v))
        .map(d.toInternal);
    const lo = values(below);
    const hi = values(above);
    const l = new NumericParzenEstimator(lo, defaultWeights(lo.length), d.low, d.high, priorWeight);
    const g = new NumericParzenEstimator(hi, defaultWeights(hi.length), d.low, d.high, priorWeight);
    let best = l.sample(rng);
    let bestScore = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < nEiCandidates; i++) {
      const x = l.sample(rng);
      const score = l.logPdf(x) - g.logPdf(x);
      if (score > bestScore) {
        bestScore = score;
        best = x;
      }
    }
    return d.toValue(best);
  }
}
