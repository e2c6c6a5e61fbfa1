import type { Generator } from "@mlp-lab/random";

const SQRT2 = Math.SQRT2;
const LOG_SQRT_2PI = 0.5 * Math.log(2 * Math.PI);

/** erf, Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): enough for mixture weights. */
function erf(x: number): number {
  const sign = x < 0 ? -1 : 1;
  const t = 1 / (1 + 0.3275911 * Math.abs(x));
  const y =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-x * x);
  return sign * y;
}

function normalCdf(x: number, mu: number, sigma: number): number {
  return 0.5 * (1 + erf((x - mu) / (sigma * SQRT2)));
}

function logSumExp(values: readonly number[]): number {
  const max = Math.max(...values);
  if (!Number.isFinite(max)) return max;
  let sum = 0;
  for (const v of values) sum += Math.exp(v - max);
  return max + Math.log(sum);
}

/**
 * Optuna's default observation weights: all 1 up to 25 observations, then the oldest ones ramp down
 * from 1/n so that recent trials count more (`optuna.samplers._tpe.sampler.default_weights`).
 */
export function defaultWeights(n: number): number[] {
  if (n < 25) return Array.from({ length: n }, () => 1);
  const rampLength = n - 25;
  const ramp = Array.from({ length: rampLength }, (_, i) =>
    rampLength === 1 ? 1 / n : 1 / n + ((1 - 1 / n) * i) / (rampLength - 1),
  );
  return [...ramp, ...Array.from({ length: 25 }, () => 1)];
}

/** Optuna's default split: the best `min(ceil(0.1·n), 25)` observations are the "good" ones. */
export function defaultGamma(n: number): number {
  return Math.min(Math.ceil(0.1 * n), 25);
}

/**
 * A mixture of Gaussians truncated to [low, high], one per observation plus a wide prior at the
 * centre, with Optuna's bandwidths: each kernel as wide as the larger gap to its sorted neighbours,
 * clipped to [(high − low) / min(100, 1 + n), high − low] (the "magic clip").
 */
export class NumericParzenEstimator {
  readonly #mus: number[];
  readonly #sigmas: number[];
  readonly #logWeights: number[];
  readonly #logMass: number[];
  readonly #low: number;
  readonly #high: number;
  readonly #weights: number[];

  constructor(
    observations: readonly number[],
    weights: readonly number[],
    low: number,
    high: number,
    priorWeight: number,
  ) {
    this.#low = low;
    this.#high = high;
    const range = high - low;
    const n = observations.length;
    const order = observations.map((_, i) => i).sort((a, b) => observations[a]! - observations[b]!);
    const sorted = order.map((i) => observations[i]!);
    const withEnds = [low, ...sorted, high];
    const sortedSigmas = sorted.map((_, i) =>
      Math.max(withEnds[i + 1]! - withEnds[i]!, withEnds[i + 2]! - withEnds[i + 1]!),
    );
    // Optuna ignores the endpoints for the outermost kernels when there are at least two.
    if (n >= 2) {
      sortedSigmas[0] = withEnds[2]! - withEnds[1]!;
      sortedSigmas[n - 1] = withEnds[n]! - withEnds[n - 1]!;
    }
    const minSigma = range / Math.min(100, 1 + n);
    const sigmas = new Array<number>(n);
    order.forEach((original, rank) => {
      sigmas[original] = Math.min(range, Math.max(minSigma, sortedSigmas[rank]!));
    });
    this.#mus = [...observations, (low + high) / 2];
    this.#sigmas = [...sigmas, range];
    const raw = [...weights, priorWeight];
    const total = raw.reduce((a, b) => a + b, 0);
    this.#weights = raw.map((w) => w / total);
    this.#logWeights = this.#weights.map((w) => Math.log(w));
    this.#logMass = this.#mus.map((mu, i) => {
      const s = this.#sigmas[i]!;
      return Math.log(Math.max(1e-300, normalCdf(high, mu, s) - normalCdf(low, mu, s)));
    });
  }

  /** One draw: pick a kernel by weight, then a truncated normal by rejection (mass ≥ ~0.34 per kernel). */
  sample(rng: Generator): number {
    let u = rng.random();
    let k = 0;
    while (k < this.#weights.length - 1 && u >= this.#weights[k]!) {
      u -= this.#weights[k]!;
      k++;
    }
    const mu = this.#mus[k]!;
    const sigma = this.#sigmas[k]!;
    for (let attempt = 0; attempt < 1000; attempt++) {
      const x = rng.normal(mu, sigma);
      if (x >= this.#low && x <= this.#high) return x;
    }
    return Math.min(this.#high, Math.max(this.#low, mu));
  }

  /** log density at `x`. */
  logPdf(x: number): number {
    const terms = this.#mus.map((mu, i) => {
      const s = this.#sigmas[i]!;
      const z = (x - mu) / s;
      return this.#logWeights[i]! - 0.5 * z * z - Math.log(s) - LOG_SQRT_2PI - this.#logMass[i]!;
    });
    return logSumExp(terms);
  }
}

/**
 * Optuna's categorical Parzen estimator: with m kernels (the observations plus a prior), each
 * observation's kernel puts weight `1 + prior/m` on its own category and `prior/m` on the others
 * (normalised), the prior kernel is uniform, and kernels are mixed by the observation weights.
 */
export class CategoricalParzenEstimator {
  readonly #probabilities: number[];

  constructor(
    observations: readonly number[],
    weights: readonly number[],
    categories: number,
    priorWeight: number,
  ) {
    const mixture = [...weights, priorWeight];
    const total = mixture.reduce((a, b) => a + b, 0);
    const kernels = observations.length + 1;
    const fill = priorWeight / kernels;
    const rowSum = 1 + categories * fill;
    const probabilities = new Array<number>(categories).fill(0);
    observations.forEach((c, i) => {
      const w = mixture[i]! / total;
      for (let j = 0; j < categories; j++) probabilities[j]! += (w * (fill + (j === c ? 1 : 0))) / rowSum;
    });
    const wPrior = priorWeight / total;
    for (let j = 0; j < categories; j++) probabilities[j]! += wPrior / categories;
    this.#probabilities = probabilities;
  }

  sample(rng: Generator): number {
    let u = rng.random();
    for (let j = 0; j < this.#probabilities.length - 1; j++) {
      if (u < this.#probabilities[j]!) return j;
      u -= this.#probabilities[j]!;
    }
    return this.#probabilities.length - 1;
  }

  logPdf(category: number): number {
    return Math.log(this.#probabilities[category] ?? 0);
  }
}
